import pytest
from django.urls import reverse

from smartregion.territories import queries
from smartregion.territories.search import normalize, short_name

from ..querycounts import KEPT_COLD

pytestmark = pytest.mark.django_db


def names(results, count=5):
    return [territory.name for territory in results[:count]]


def test_normalisation_strips_suffix_and_transliterates():
    assert short_name("München, Landeshauptstadt") == "München"
    assert normalize("München") == normalize("Muenchen") == "muenchen"
    assert normalize("Straßfurt") == "strassfurt"


@pytest.mark.parametrize("query", ["München", "Muenchen", "münchen, landeshauptstadt", "MÜNCHEN"])
def test_search_finds_munich_first_however_it_is_written(query):
    first = queries.search(query).first()
    assert first.ags == "09162000"


def test_exact_match_ranks_before_prefix_and_contains():
    results = list(queries.search("Jena", kind="gemeinde")[:3])
    assert results[0].name == "Jena, Stadt"
    assert [territory.rank for territory in results] == sorted(territory.rank for territory in results)
    assert "Jenalöbnitz" in [territory.name for territory in queries.search("Jena", kind="gemeinde")]


def test_search_by_keys_and_postcode():
    assert queries.search("16070029").first().name == "Ilmenau, Stadt"  # AGS
    assert queries.search("160700029029").first().name == "Ilmenau, Stadt"  # ARS
    assert queries.search("98693").first().name == "Ilmenau, Stadt"  # postcode of the seat
    assert queries.search("16070", kind="kreis").first().name == "Ilm-Kreis"


def test_search_page_shows_results_and_pins_query_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("territories:search"), {"q": "Ilmenau"})
    assert response.status_code == 200
    assert "Ilmenau, Stadt" in response.content.decode()
    with django_assert_max_num_queries(4):
        client.get(reverse("territories:search"), {"q": "a"})  # thousands of hits, same query count


def test_territory_list_query_count_does_not_grow_with_page_size(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("territories:search"), {"kind": "gemeinde", "land": "09"})
    assert response.status_code == 200
    assert "2.056 Treffer" in response.content.decode()


def test_territory_page_shows_facts_parent_chain_and_outline(client, ilmenau):
    response = client.get(ilmenau.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ilmenau, Stadt" in html
    assert "39.147" in html  # population, German number format
    assert "Ilm-Kreis" in html and "Thüringen" in html  # parent chain
    assert "98693" in html


def test_ags_address_redirects_to_the_canonical_ars_page(client, ilmenau):
    response = client.get(reverse("territories:detail", args=["16070029"]))
    assert response.status_code == 301
    assert response["Location"] == ilmenau.get_absolute_url()


def test_kreis_page_lists_its_gemeinden_sorted_and_pins_queries(client, ilm_kreis, django_assert_max_num_queries):
    # 12: the page, its sections (projects, assessment, agenda, and partnerships with hosted meetings: 2)
    with django_assert_max_num_queries(12 + KEPT_COLD):  # + the visitor page, kept
        response = client.get(ilm_kreis.get_absolute_url(), {"sortierung": "-population"})
    html = response.content.decode()
    assert html.index("Ilmenau, Stadt") < html.index("Arnstadt, Stadt") < html.index("Geratal")
    response = client.get(ilm_kreis.get_absolute_url(), {"sortierung": "population"})
    html = response.content.decode()
    assert html.index("Geratal") < html.index("Arnstadt, Stadt") < html.index("Ilmenau, Stadt")
    assert "<svg" in html and "map-shape--highlight" in html


def test_kreis_page_query_count_is_the_same_for_a_big_kreis(client, django_assert_max_num_queries):
    from smartregion.territories.models import Territory

    biggest = Territory.objects.get(ars="09188")  # Landkreis Starnberg: a different size, same queries
    with django_assert_max_num_queries(12 + KEPT_COLD):
        assert client.get(biggest.get_absolute_url()).status_code == 200


def test_boundary_geojson_of_a_kreis(client, ilm_kreis):
    response = client.get(reverse("territories:boundary_geojson", args=[ilm_kreis.code]))
    data = response.json()
    assert data["features"][0]["properties"]["ars"] == "16070"
    assert data["features"][0]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert "BKG" in data["attribution"]


def test_level_geojson_within_a_land(client):
    data = client.get(reverse("territories:level_geojson", args=["kreis"]), {"innerhalb": "09"}).json()
    assert len(data["features"]) == 96
    assert client.get(reverse("territories:level_geojson", args=["kreis"]), {"innerhalb": "x"}).status_code == 400


def test_unknown_territory_is_404(client):
    assert client.get(reverse("territories:detail", args=["999999999999"])).status_code == 404


def test_a_territory_page_shows_its_people_their_drafts_in_a_pinned_number_of_queries(
    client, jena, django_assert_max_num_queries
):
    """Each part of the page reads only what it lists; what is listed still depends on who asks."""
    from smartregion.accounts.enums import TerritoryRoleKind
    from smartregion.agendas import services as agenda_services
    from smartregion.assessments import services as assessment_services
    from smartregion.needs import services as need_services
    from smartregion.projects import services as project_services
    from smartregion.taxonomy.models import Domain
    from smartregion.territories import roles as territory_roles

    from ..factories import UserFactory

    editor, domain = UserFactory(), Domain.objects.get(key="mobilitaet")
    territory_roles.grant_territory_role(user=editor, territory=jena, role=TerritoryRoleKind.EDITOR)
    project_services.create_project(
        by=editor, lead_territory=jena, title="Entwurf Parkleitsystem", summary="Noch intern.", primary_domain=domain
    )
    agenda_services.create_agenda(
        territory=jena, title="Agenda im Entwurf", start_year=2026, target_year=2030, by=editor
    )
    need_services.create_need(territory=jena, by=editor, title="Interner Bedarf", domains=[domain])
    assessment_services.start_assessment(territory=jena, cycle=2026, by=editor)
    drafts = ("Entwurf Parkleitsystem", "Agenda im Entwurf", "2026–2028", "Interner Bedarf", "Zyklus 2026")

    text = client.get(jena.get_absolute_url()).content.decode()
    assert not [draft for draft in drafts if draft in text]
    client.force_login(editor)
    with django_assert_max_num_queries(15):  # session, user, roles (2), the page (6), its parts (7)
        text = client.get(jena.get_absolute_url()).content.decode()
    assert [draft for draft in drafts if draft in text] == list(drafts)
