"""Read endpoints of territories, networks, programmes and agendas: fields, filters, pinned query counts."""

from datetime import date

from django.urls import reverse

from smartregion.agendas import services as agenda_services
from smartregion.funding.models import FundingProgramme
from smartregion.network import services as network_services

from ..factories import UserFactory
from ..querycounts import KEPT_COLD


def test_territories_filter_by_name_kind_and_land(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(3 + 2 + KEPT_COLD):  # + the rate limit's counter (ADR 0019), the kept list
        data = client.get(reverse("territory-list"), {"q": "Jena, Stadt", "kind": "gemeinde", "land": "16"}).json()
    assert [item["ars"] for item in data["results"]] == ["160530000000"]
    assert data["results"][0]["land"] == "16" and data["results"][0]["url"].endswith("/gebiete/160530000000/")


def test_networks_list_members_and_their_calendar(client, jena, ilmenau, django_assert_max_num_queries):
    coordinator = UserFactory()
    for number in range(3):
        network = network_services.create_network(name=f"Netz {number}", slug=f"netz-{number}", by=coordinator)
        network_services.add_member(network, jena, by=coordinator)
        network_services.add_member(network, ilmenau, by=coordinator)
    with django_assert_max_num_queries(4 + 2 + KEPT_COLD):  # + the rate limit's counter (ADR 0019), the kept list
        data = client.get(reverse("network-list")).json()
    assert data["count"] == 3 and sorted(data["results"][0]["members"]) == sorted([jena.ars, ilmenau.ars])
    assert data["results"][0]["events"].endswith("/netzwerke/netz-0/veranstaltungen.ics")


def test_a_network_lists_an_alliance_member_by_its_code_for_want_of_an_ars(client, jena, ilmenau):
    from smartregion.territories.services import create_alliance

    coordinator = UserFactory()
    alliance = create_alliance(
        name="Städtekette Saale-Ilm", alliance_type="staedtebund", members=[jena, ilmenau], by=None
    )
    network = network_services.create_network(name="Netz", slug="netz", by=coordinator)
    network_services.add_member(network, jena, by=coordinator)
    network_services.add_member(network, alliance, by=coordinator)
    members = client.get(reverse("network-list")).json()["results"][0]["members"]
    assert alliance.ars == "" and sorted(members) == sorted([jena.ars, alliance.code])
    assert alliance.code.startswith("verbund-")


def test_programmes_are_listed_with_their_fields(client, db, django_assert_max_num_queries):
    for number in range(5):
        FundingProgramme.objects.create(
            code=f"FP-{number}", name=f"Programm {number}", level="Bund", applicants=["Gemeinde"]
        )
    with django_assert_max_num_queries(4 + 2 + KEPT_COLD):  # + the rate limit's counter (ADR 0019), the kept list
        data = client.get(reverse("programme-list")).json()
    assert data["count"] == 5 and data["results"][0]["applicants"] == ["Gemeinde"]


def test_only_published_agendas_are_public(client, jena):
    editor = UserFactory()
    from smartregion.territories import roles as territory_roles

    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")
    draft = agenda_services.create_agenda(territory=jena, title="Entwurf", start_year=2026, target_year=2030, by=editor)
    public = agenda_services.create_agenda(
        territory=jena, title="Öffentlich", start_year=2026, target_year=2030, by=editor
    )
    agenda_services.open_consultation(public, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), by=editor)
    titles = [item["title"] for item in client.get(reverse("agenda-list")).json()["results"]]
    assert titles == ["Öffentlich"]
    assert client.get(reverse("agenda-detail", args=[draft.pk])).status_code == 404
    client.force_login(editor)
    assert (
        client.get(reverse("agenda-detail", args=[draft.pk])).json()["document"].endswith(f"/{draft.pk}/export/json/")
    )
