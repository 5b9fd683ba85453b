import pytest
from django.urls import reverse

from smartregion.projects import fulltext, queries
from smartregion.projects.filters import ProjectFilter
from smartregion.projects.models import Project

from ..factories import UserFactory
from ..querycounts import GENERATIONS, HELD_MISS, KEPT_BUILT

pytestmark = pytest.mark.django_db


def titles(response):
    return [project.title for project in response.context["projects"]]


def test_real_projects_are_in_the_catalog_with_their_sources(client):
    project = Project.objects.filter(origin="imported", land__ars="16").exclude(source_urls=[]).first()
    response = client.get(project.get_absolute_url())
    html = response.content.decode()
    assert project.title in html
    for url in project.source_urls:
        assert url in html


def test_stemming_finds_singular_for_plural(make_project, jena):
    make_project(jena, title="Parksensor am Marktplatz", summary="Ein Sensor je Stellplatz.")
    found = fulltext.search(Project.objects.all(), "Parksensoren").values_list("title", flat=True)
    assert "Parksensor am Marktplatz" in found


def test_title_match_outranks_body_match(make_project, jena, ilmenau):
    body = make_project(
        ilmenau, title="Verkehrsdaten", summary="Verkehr", problem="Man braucht Glasfaserkabel entlang der Straßen."
    )
    title = make_project(jena, title="Glasfaserkabel für Schulen", summary="Ausbau")
    ranked = list(
        fulltext.search(Project.objects.filter(pk__in=[body.pk, title.pk]), "Glasfaserkabel").order_by("-relevance")
    )
    assert ranked == [title, body]


def test_catalog_search_and_land_facet(client):
    response = client.get(reverse("projects:catalog"), {"q": "LoRaWAN", "land": "09"})
    assert response.status_code == 200
    projects = response.context["projects"]
    assert projects and all(project.land.ars == "09" for project in projects)
    land_facet = next(facet for facet in response.context["facets"] if facet.name == "land")
    counts = {value.value: value.count for value in land_facet.values}
    # Disjunctive facets: Thuringia still shows how many LoRaWAN projects it has.
    assert counts["09"] == response.context["page"].paginator.count
    assert (
        counts.get("16", 0)
        == Project.objects.filter(land__ars="16")
        .filter(pk__in=fulltext.search(Project.objects.all(), "LoRaWAN").values("pk"))
        .count()
    )


def test_invalid_filter_values_are_ignored_with_a_note(client):
    response = client.get(reverse("projects:catalog"), {"land": "Bayern", "jahr": "vorgestern"})
    assert response.status_code == 200
    assert "ungültig" in response.content.decode()


def test_catalog_query_count_is_fixed(client, django_assert_max_num_queries):
    # + the page cache's look-up (the page sets the CSRF cookie, so it is not stored)
    with django_assert_max_num_queries(18 + HELD_MISS):
        client.get(reverse("projects:catalog"))
    # + a text query's evaluation, kept for everybody who sees the published catalogue (built here)
    with django_assert_max_num_queries(18 + HELD_MISS + KEPT_BUILT - GENERATIONS):
        client.get(
            reverse("projects:catalog"),
            {"q": "Sensoren", "land": "09", "status": "betrieb", "sortierung": "nachnutzung"},
        )


def test_map_data_query_count_is_fixed_and_returns_points(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("projects:map_data"), {"land": "16"})
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == Project.objects.filter(land__ars="16", latitude__isnull=False).count()
    assert all(feature["geometry"]["type"] == "Point" for feature in data["features"])


def test_sorting_by_reuse_puts_adopted_projects_first(make_project, jena, ilmenau, jena_editor):
    from smartregion.projects import services

    original = make_project(ilmenau, title="Digitaler Bauhof", summary="Auftragsverwaltung")
    copy = services.adopt_project(original, territory=jena, by=jena_editor)
    Project.objects.filter(pk=copy.pk).update(title="Bauhof Jena digital", summary="Aufträge des Bauhofs in Jena")
    copy.refresh_from_db()
    services.publish_project(copy, by=jena_editor)
    project_filter = ProjectFilter({"sortierung": "nachnutzung"})
    assert project_filter.apply(Project.objects.all()).first() == original


def test_territory_page_lists_its_projects(client, make_project, jena):
    make_project(jena, title="Jena-App für Bürgerservices")
    html = client.get(jena.get_absolute_url()).content.decode()
    assert "Jena-App für Bürgerservices" in html


def test_text_search_pages_map_and_exports_agree(client):
    """The in-memory path for text queries serves the page, the map, the exports and the API alike."""
    params = {"q": "Sensoren", "land": "09"}
    page = client.get(reverse("projects:catalog"), params).context["page"].paginator.count
    geo = client.get(reverse("projects:map_data"), params).json()["features"]
    exported = client.get(reverse("projects:export", args=["json"]), params)
    api = client.get("/api/v1/projects", params).json()["count"]
    map_page = client.get(reverse("projects:map"), params)
    assert page > 0
    assert page == api == len(__import__("json").loads(exported.content)["projects"])
    assert len(geo) <= page
    assert map_page.status_code == 200 and map_page.context["count"] == page


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Sensoren"},
        {"q": "Sensoren", "land": "09", "status": "betrieb"},
        {"q": "Daten", "feld": "daten-plattformen", "sortierung": "neu"},
        {"q": "Daten", "land": "16", "opensource": "1", "sortierung": "nachnutzung"},
        {"q": "Daten", "groesse": "grossstadt"},
        {"q": "Plattform", "land": "09", "bezirk": "091"},
        {"q": "Sensoren", "jahr": "2019", "nachnutzbar": "1"},
    ],
)
def test_text_search_evaluation_matches_the_plain_sql_path(params, monkeypatch):
    """Facet counts and result order of the one-pass evaluation (in Python on SQLite, in one statement on
    PostgreSQL) equal those of the plain SQL path with one group-by per facet."""
    from smartregion.projects import ranked

    def outcome():
        project_filter = ProjectFilter(params)
        queryset = Project.objects.all()
        facets = {facet.name: {v.value: v.count for v in facet.values} for facet in project_filter.facets(queryset)}
        return facets, [project.pk for project in project_filter.apply(queryset)]

    evaluated = outcome()
    monkeypatch.setattr(ranked, "evaluate", lambda *args, **kwargs: None)
    plain = outcome()
    assert evaluated == plain
    assert evaluated[0], "the query should find something to count"
    assert evaluated[1] or "jahr" in params, "the filters should leave results to compare the order of"


def test_map_page_with_a_text_query_reads_the_matches_once(client, django_assert_max_num_queries):
    # One read of the matches (plus their further fields) shared by the points and the facets.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("projects:map"), {"q": "Sensoren", "land": "09"})
    assert response.status_code == 200


def test_a_text_search_is_shared_only_by_people_who_see_the_published_catalogue(
    client, make_project, jena, ilmenau, jena_editor
):
    """The evaluation of a text query is kept for everybody who sees just the published catalogue; an editor
    with a draft gets their own, with the draft in it, and nobody else ever sees that draft."""
    published = make_project(ilmenau, title="Rübenlager digital in Ilmenau")
    draft = make_project(jena, title="Rübenlager digital in Jena", publish=False, by=jena_editor)
    search = {"q": "Rübenlager"}

    def found(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        ours = {published.pk, draft.pk}
        api = {row["id"] for row in client.get(reverse("project-list"), search).json()["results"]} & ours
        page = client.get(reverse("projects:catalog"), search).content.decode()
        return api, {pk for pk in ours if f'href="/projekte/{pk}/"' in page}

    assert found(None) == ({published.pk}, {published.pk})  # kept for everybody from here on
    assert found(UserFactory()) == ({published.pk}, {published.pk})
    assert not queries.sees_only_published(jena_editor)
    assert found(jena_editor) == ({published.pk, draft.pk}, {published.pk, draft.pk})
    assert found(None) == ({published.pk}, {published.pk})
