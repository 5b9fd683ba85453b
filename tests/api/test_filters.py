"""Every filter of every API list does what the schema says: each test builds data that only the filter tells
apart, so a filter that is ignored (or applied to the wrong field) fails it."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from smartregion.actors.models import Actor
from smartregion.agendas.models import Agenda
from smartregion.assessments.models import Assessment, MatrixVersion
from smartregion.events.enums import EventAudience
from smartregion.events.models import Event
from smartregion.funding.models import FundingProgramme
from smartregion.needs.models import Need
from smartregion.network import services as network_services
from smartregion.opendata.models import Dataset
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from ..factories import UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _listed(client, name, key, **params):
    response = client.get(reverse(f"{name}-list"), params)
    assert response.status_code == 200, response.content
    return sorted(str(item[key]) for item in response.json()["results"])


@pytest.fixture
def places(jena, ilmenau):
    return {"jena": jena, "ilmenau": ilmenau, "bayern": Territory.objects.get(ars="09"), "munich": _munich()}


def _munich():
    return Territory.objects.get(ars="091620000000")


def test_programmes_filter_by_text_level_land_field_and_status(client, places):
    mobility, energy = Domain.objects.get(key="mobilitaet"), Domain.objects.get(key="energie-umwelt-klima")
    rows = [
        ("BY-1", "Bayern digital", "Land", places["bayern"], mobility, "offen"),
        ("TH-1", "Thüringen vernetzt", "Land", places["jena"].land, energy, "geschlossen"),
        ("DE-1", "Bund Mobilität", "Bund", None, mobility, "geschlossen"),
    ]
    for code, name, level, land, domain, status in rows:
        programme = FundingProgramme.objects.create(code=code, name=name, level=level, land=land, status=status)
        programme.domains.set([domain])
    assert _listed(client, "programme", "code") == ["BY-1", "DE-1", "TH-1"]
    # A Land's programmes include the federal ones (as on the catalogue page).
    assert _listed(client, "programme", "code", land="09") == ["BY-1", "DE-1"]
    assert _listed(client, "programme", "code", land="16") == ["DE-1", "TH-1"]
    assert _listed(client, "programme", "code", ebene="Bund") == ["DE-1"]
    assert _listed(client, "programme", "code", feld="mobilitaet") == ["BY-1", "DE-1"]
    assert _listed(client, "programme", "code", status="offen") == ["BY-1"]
    assert _listed(client, "programme", "code", q="vernetzt") == ["TH-1"]
    assert _listed(client, "programme", "code", feld="unbekannt") == []


def test_territories_filter_by_name_kind_and_land(client, places):
    assert _listed(client, "territory", "ars", q="Jena, Stadt", kind="gemeinde") == ["160530000000"]
    assert _listed(client, "territory", "ars", kind="land") == ["09", "16"]
    # There is a München in Bavaria and one in Thuringia.
    bavarian = _listed(client, "territory", "ars", q="München", kind="gemeinde", land="09")
    assert "091620000000" in bavarian and all(ars.startswith("09") for ars in bavarian)
    assert _listed(client, "territory", "ars", q="München", kind="gemeinde", land="16") == ["160765006049"]


def test_networks_filter_by_name_land_and_member(client, places):
    coordinator = UserFactory()
    north = network_services.create_network(name="Netz Nord", slug="nord", land=places["jena"].land, by=coordinator)
    south = network_services.create_network(name="Netz Süd", slug="sued", land=places["bayern"], by=coordinator)
    network_services.add_member(north, places["jena"], by=coordinator)
    network_services.add_member(south, places["munich"], by=coordinator)
    network_services.add_member(south, places["ilmenau"], by=coordinator)
    assert _listed(client, "network", "slug") == ["nord", "sued"]
    assert _listed(client, "network", "slug", q="Süd") == ["sued"]
    assert _listed(client, "network", "slug", land="16") == ["nord"]
    assert _listed(client, "network", "slug", member=places["ilmenau"].ars) == ["sued"]


def test_agendas_filter_by_text_status_and_land(admin_client, places):
    author = UserFactory()
    for title, territory, status in (
        ("Jena digital", places["jena"], "beteiligung"),
        ("München vernetzt", places["munich"], "beschlossen"),
        ("Ilmenau smart", places["ilmenau"], "beschlossen"),
    ):
        Agenda.objects.create(
            territory=territory, title=title, status=status, start_year=2026, target_year=2030, created_by=author
        )
    assert _listed(admin_client, "agenda", "title") == ["Ilmenau smart", "Jena digital", "München vernetzt"]
    assert _listed(admin_client, "agenda", "title", land="16") == ["Ilmenau smart", "Jena digital"]
    assert _listed(admin_client, "agenda", "title", status="beschlossen") == ["Ilmenau smart", "München vernetzt"]
    assert _listed(admin_client, "agenda", "title", q="vernetzt") == ["München vernetzt"]


def test_events_filter_by_network_kind_status_and_start(client, places):
    coordinator = UserFactory()
    north = network_services.create_network(name="Netz Nord", slug="nord", by=coordinator)
    south = network_services.create_network(name="Netz Süd", slug="sued", by=coordinator)
    start = timezone.make_aware(datetime(2026, 5, 4, 10))
    for title, network, kind, status, days in (
        ("Treffen Nord", north, "netzwerktreffen", "geplant", 0),
        ("Werkstatt Süd", south, "workshop", "geplant", 30),
        ("Webinar Süd", south, "webinar", "abgesagt", 60),
    ):
        Event.objects.create(
            network=network,
            kind=kind,
            title=title,
            host=places["jena"],
            audience=EventAudience.PUBLIC,
            status=status,
            starts_at=start + timedelta(days=days),
            ends_at=start + timedelta(days=days, hours=2),
        )
    assert _listed(client, "event", "title") == ["Treffen Nord", "Webinar Süd", "Werkstatt Süd"]
    assert _listed(client, "event", "title", network="sued") == ["Webinar Süd", "Werkstatt Süd"]
    assert _listed(client, "event", "title", kind="workshop") == ["Werkstatt Süd"]
    assert _listed(client, "event", "title", status="abgesagt") == ["Webinar Süd"]
    assert _listed(client, "event", "title", from_date="2026-06-03") == ["Webinar Süd", "Werkstatt Süd"]
    assert client.get(reverse("event-list"), {"from_date": "03.06.2026"}).status_code == 400


def test_datasets_filter_by_text_theme_and_territory(client, places):
    author = UserFactory()
    for title, territory, theme in (
        ("Baumkataster", places["jena"], "ENVI"),
        ("Haltestellen", places["jena"], "TRAN"),
        ("Radwege", places["munich"], "TRAN"),
    ):
        Dataset.objects.create(
            territory=territory,
            title=title,
            description=f"{title} der Stadt",
            theme=theme,
            publisher="Stadt",
            access="open",
            created_by=author,
        )
    assert _listed(client, "dataset", "title") == ["Baumkataster", "Haltestellen", "Radwege"]
    assert _listed(client, "dataset", "title", territory=places["jena"].ars) == ["Baumkataster", "Haltestellen"]
    assert _listed(client, "dataset", "title", theme="TRAN") == ["Haltestellen", "Radwege"]
    assert _listed(client, "dataset", "title", q="kataster") == ["Baumkataster"]


def test_needs_filter_by_text_area_field_status_and_origin(client, places):
    author = UserFactory()
    mobility, energy = Domain.objects.get(key="mobilitaet"), Domain.objects.get(key="energie-umwelt-klima")
    for title, territory, domain, status, origin in (
        ("Busanbindung", places["jena"], mobility, "open", "entered"),
        ("Solardächer", places["ilmenau"], energy, "addressed", "workshop"),
        ("Radschnellweg", places["munich"], mobility, "open", "assessment"),
    ):
        need = Need.objects.create(
            territory=territory, title=title, status=status, origin=origin, is_public=True, created_by=author
        )
        need.domains.set([domain])
    assert _listed(client, "need", "title") == ["Busanbindung", "Radschnellweg", "Solardächer"]
    assert _listed(client, "need", "title", gebiet="16") == ["Busanbindung", "Solardächer"]
    assert _listed(client, "need", "title", gebiet=places["jena"].ars) == ["Busanbindung"]
    assert _listed(client, "need", "title", feld="mobilitaet") == ["Busanbindung", "Radschnellweg"]
    assert _listed(client, "need", "title", status="addressed") == ["Solardächer"]
    assert _listed(client, "need", "title", herkunft="assessment") == ["Radschnellweg"]
    assert _listed(client, "need", "title", q="solar") == ["Solardächer"]


def test_actors_filter_by_text_sector_kind_field_land_and_availability(client, places):
    mobility = Domain.objects.get(key="mobilitaet")
    for name, kind, sector, home, forum, review in (
        ("Anna Berg", "person", "wissenschaft", places["jena"], True, False),
        ("Mobil GmbH", "organisation", "wirtschaft", places["munich"], False, True),
        ("Amt für Daten", "organisation", "verwaltung", places["ilmenau"], False, False),
    ):
        actor = Actor.objects.create(
            name=name, kind=kind, sector=sector, home_territory=home, available_forum=forum, available_review=review
        )
        if name == "Mobil GmbH":
            actor.domains.set([mobility])
    everyone = ["Amt für Daten", "Anna Berg", "Mobil GmbH"]
    assert _listed(client, "actor", "name") == everyone
    assert _listed(client, "actor", "name", q="mobil") == ["Mobil GmbH"]
    assert _listed(client, "actor", "name", sektor="verwaltung") == ["Amt für Daten"]
    assert _listed(client, "actor", "name", art="person") == ["Anna Berg"]
    assert _listed(client, "actor", "name", feld="mobilitaet") == ["Mobil GmbH"]
    assert _listed(client, "actor", "name", land="09") == ["Mobil GmbH"]
    assert _listed(client, "actor", "name", forum="true") == ["Anna Berg"]
    assert _listed(client, "actor", "name", review="1") == ["Mobil GmbH"]
    assert _listed(client, "actor", "name", review="false") == everyone
    assert client.get(reverse("actor-list"), {"forum": "vielleicht"}).status_code == 400


def test_assessments_filter_by_area_cycle_and_status(admin_client, places):
    matrix = MatrixVersion.objects.order_by("-pk").first()
    for territory, cycle, status in (
        (places["jena"], 2025, "submitted"),
        (places["jena"], 2026, "draft"),
        (places["ilmenau"], 2026, "submitted"),
    ):
        Assessment.objects.create(territory=territory, cycle=cycle, status=status, matrix=matrix)

    def listed(**params):
        results = admin_client.get(reverse("assessment-list"), params).json()["results"]
        return sorted((item["territory"]["ars"], item["cycle"]) for item in results)

    jena, ilmenau = places["jena"].ars, places["ilmenau"].ars
    assert listed() == sorted([(jena, 2025), (jena, 2026), (ilmenau, 2026)])
    assert listed(gebiet=ilmenau) == [(ilmenau, 2026)]
    assert listed(zyklus=2025) == [(jena, 2025)]
    assert listed(status="draft") == [(jena, 2026)]
    assert admin_client.get(reverse("assessment-list"), {"zyklus": "1999"}).status_code == 400


def test_projects_filter_as_the_catalog_does(client, db):
    everything = client.get(reverse("project-list"), {"page_size": 200}).json()
    thuringian = client.get(reverse("project-list"), {"land": "16", "page_size": 200}).json()
    assert 0 < thuringian["count"] < everything["count"]
    assert {item["land"] for item in thuringian["results"]} == {"16"}
    assert client.get(reverse("project-list"), {"opensource": "null"}).status_code == 400


def test_matches_refuse_unknown_parameters(client, db):
    response = client.get(reverse("matches"), {"text": "Radweg", "fields": "x"})
    assert response.status_code == 400
    assert response.json()["unknown"] == ["fields"] and "text" in response.json()["allowed"]
