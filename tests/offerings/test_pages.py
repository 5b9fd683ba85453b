"""Offerings pages: list with filters (each filter tells its data apart), detail with how to use, contact,
source and as-of date, exports, coordinators' edits with history and conflicts, the site search."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from smartregion.offerings.filters import OfferingFilter
from smartregion.offerings.importer import import_offerings
from smartregion.offerings.models import Offering
from smartregion.offerings.queries import list_queryset
from smartregion.taxonomy.models import Domain

from ..factories import UserFactory
from ..querycounts import KEPT_COLD


@pytest.fixture
def offerings(db):
    import_offerings()
    return Offering.objects


@pytest.fixture
def coordinator(db):
    from smartregion.network import roles as network_roles
    from smartregion.network import services as network_services

    user = UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=user)
    network_roles.grant_network_role(user=user, network=network)
    return user


def _offering(code, **values):
    defaults = {"name": code, "level": "Bund", "kind": "Beratung", "target_groups": ["Gemeinde"], "status": "aktiv"}
    return Offering.objects.create(code=code, **{**defaults, **values})


def _codes(**params):
    return sorted(offering.code for offering in OfferingFilter(params, queryset=list_queryset()).results)


def test_each_filter_tells_its_offerings_apart(db):
    verwaltung, mobilitaet = Domain.objects.get(key="verwaltung"), Domain.objects.get(key="mobilitaet")
    _offering("A-BUND", name="Bundesportal", target_groups=["Landkreis"], cost="kostenfrei").domains.set([verwaltung])
    _offering("A-BY", level="Land", land_code="09", kind="Schulung", cost="kostenpflichtig").domains.set([mobilitaet])
    _offering("A-TH", level="Land", land_code="16", summary="Hilft bei ThAVEL-Anträgen", status="eingestellt")
    _offering("A-KOM", level="kommunal-gemeinsam", land_code="16", target_groups=["Bürgerinnen und Bürger"])
    assert _codes() == ["A-BUND", "A-BY", "A-KOM", "A-TH"]
    assert _codes(land="09") == ["A-BUND", "A-BY"]  # a Land's list includes the federal offerings
    assert _codes(land="16") == ["A-BUND", "A-KOM", "A-TH"]
    assert _codes(ebene="kommunal-gemeinsam") == ["A-KOM"]
    assert _codes(art="Schulung") == ["A-BY"]
    assert _codes(zielgruppe="Landkreis") == ["A-BUND"]
    assert _codes(zielgruppe="Bürgerinnen und Bürger") == ["A-KOM"]
    assert _codes(zielgruppe="Gemeinde") == ["A-BY", "A-TH"]
    assert _codes(feld="mobilitaet") == ["A-BY"]
    assert _codes(kosten="kostenfrei") == ["A-BUND"]
    assert _codes(status="eingestellt") == ["A-TH"]
    assert _codes(q="thavel") == ["A-TH"]
    assert _codes(q="bundesportal") == ["A-BUND"]


@pytest.mark.parametrize(
    ("word", "code"), [("BayernLab", "ANG-001"), ("Breitbandberatung", "ANG-002"), ("ThAVEL", "ANG-022")]
)
def test_the_site_search_finds_the_offerings_the_issue_missed(client, offerings, word, code):
    page = client.get(reverse("search"), {"q": word}).content.decode()
    assert "Angebote für Kommunen" in page
    assert reverse("offerings:detail", args=[code]) in page


def test_the_list_shows_kind_land_cost_status_and_the_check_flag(client, offerings):
    page = client.get(reverse("offerings:list"), {"land": "16", "art": "Kompetenzzentrum"}).content.decode()
    assert "Breitbandkompetenzzentrum Thüringen" in page and "<strong>eingestellt</strong>" in page
    assert "Kompetenzzentrum Verwaltung 4.0" in page and "Digitalakademie@bw" not in page
    assert "bitte prüfen" in page and "(Stand 23.05.2022)" in page


def test_the_detail_page_says_how_to_use_whom_to_contact_source_and_as_of(client, offerings):
    page = client.get(reverse("offerings:detail", args=["ANG-001"])).content.decode()
    assert "So nutzen Sie das Angebot" in page and "vereinbart mit dem nächstgelegenen BayernLab" in page
    assert 'href="https://www.bayernlabs.bayern"' in page and "Kontakt aufnehmen" in page
    assert "Bayerisches Staatsministerium der Finanzen und für Heimat" in page
    with translation.override("en"):
        english = client.get(reverse("offerings:detail", args=["ANG-001"])).content.decode()
    assert "Administrative staff" in english and "Verwaltungsmitarbeitende" not in english  # labels, translated
    assert "https://www.kommunale.de/de/ausstellerprodukte/kommun23/produkt-10328084/bayernlabs" in page
    assert "Bitte prüfen: Die Angaben stammen aus Quellen vom 05/2022 und sind älter als ein Jahr." in page
    undated = client.get(reverse("offerings:detail", args=["ANG-003"])).content.decode()
    assert "Bitte prüfen: Die Quellen tragen kein Datum." in undated
    assert "Die Quellen nennen keine eigene Kontaktseite" in undated
    gone = client.get(reverse("offerings:detail", args=["ANG-029"])).content.decode()
    assert "Dieses Angebot gibt es laut Quelle vom 23.05.2022 nicht mehr." in gone
    assert client.get(reverse("offerings:detail", args=["ANG-999"])).status_code == 404


def test_a_fresh_as_of_date_is_not_flagged(db):
    today = timezone.localdate()
    assert not _offering("F-1", as_of=today.isoformat()).needs_check
    assert _offering("F-2", as_of=(today - timedelta(days=366)).isoformat()).needs_check
    assert _offering("F-3", as_of=f"{today.year - 2}").needs_check
    assert _offering("F-4").needs_check  # undated


def test_the_list_query_count_does_not_grow(client, offerings):
    with CaptureQueriesContext(connection) as everything:
        client.get(reverse("offerings:list"))
    with CaptureQueriesContext(connection) as some:
        client.get(reverse("offerings:list"), {"land": "09", "zielgruppe": "Landkreis", "feld": "verwaltung"})
    assert len(everything) == len(some) <= 6 + KEPT_COLD  # + the visitor page, kept


def test_exports_import_again_unchanged_and_json_carries_lists(client, offerings):
    csv_export = client.get(reverse("offerings:export", args=["csv"]))
    assert csv_export.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(csv_export.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 58 and rows[0].keys() >= {"id", "zielgruppe", "kontakt_url", "stand", "status"}
    result = import_offerings(csv_export.content, file_name="angebote.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 58)
    xlsx = client.get(reverse("offerings:export", args=["xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert import_offerings(xlsx.content, file_name="angebote.xlsx").unchanged == 58
    data = json.loads(client.get(reverse("offerings:export", args=["json"]), {"land": "16"}).content)
    assert len(data) == 11 + 15
    thavel = next(item for item in data if item["id"] == "ANG-022")
    assert thavel["zielgruppe"][:3] == ["Gemeinde", "Stadt", "Landkreis"] and thavel["stand"] == ""
    assert thavel["handlungsfelder"] == ["verwaltung", "daten-plattformen"]
    assert thavel["seite"] == f"{settings.SITE_URL}/angebote/ANG-022/"
    assert client.get(reverse("offerings:export", args=["pdf"])).status_code == 404


def _form(offering, **changes):
    data = {
        "name": offering.name,
        "short_name": offering.short_name,
        "provider": offering.provider,
        "level": offering.level,
        "land_code": offering.land_code,
        "kind": offering.kind,
        "target_groups": offering.target_groups,
        "cost": offering.cost,
        "domains": list(offering.domains.values_list("pk", flat=True)),
        "summary": offering.summary,
        "how_to_use": offering.how_to_use,
        "contact_url": offering.contact_url,
        "url": offering.url,
        "sources": offering.sources,
        "as_of": offering.as_of,
        "status": offering.status,
        "revision": offering.revision,
    }
    data.update(changes)
    return data


def test_a_coordinator_edits_with_history_conflicts_and_checked_addresses(client, offerings, coordinator):
    offering = offerings.get(code="ANG-020")
    client.force_login(coordinator)
    url = reverse("offerings:edit", args=[offering.code])
    assert client.get(url).status_code == 200
    unchanged = client.post(url, _form(offering))
    assert unchanged.status_code == 302 and Offering.objects.get(pk=offering.pk).revision == offering.revision
    saved = client.post(
        url, _form(offering, cost="kostenfrei", as_of="2026-11", target_groups=["Landkreis", "Gemeinde"])
    )
    assert saved.status_code == 302
    offering.refresh_from_db()
    assert (offering.cost, offering.as_of, offering.target_groups) == (
        "kostenfrei",
        "2026-11",
        ["Gemeinde", "Landkreis"],
    )
    assert offering.history.first().history_user == coordinator
    assert client.get(reverse("core:history", args=["offerings", "offering", offering.pk])).status_code == 200
    stale = client.post(url, _form(offering, name="Ältere Fassung", revision=offering.revision - 1))
    assert stale.status_code == 200 and "Jemand anderes hat inzwischen gespeichert" in stale.content.decode()
    refused = client.post(
        url,
        _form(
            offering,
            level="Bund",
            contact_url="javascript:alert(1)",
            sources="https://a.org | ftp://b.org",
            as_of="03.2026",
        ),
    )
    page = refused.content.decode()
    assert "Ein Angebot des Bundes gilt überall und hat kein Land." in page
    assert "Erlaubt sind Web-Adressen, die mit http://, https:// oder mailto: beginnen." in page
    assert "„ftp://b.org“ ist keine Web-Adresse (http, https, mailto)." in page
    assert "Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT angeben." in page
    assert Offering.objects.get(pk=offering.pk).level == "Land"


def test_a_coordinator_creates_an_offering_with_the_next_code(client, offerings, coordinator):
    client.force_login(coordinator)
    data = {
        "name": "Digitalwerkstatt des Landkreises", "level": "Land", "land_code": "16", "kind": "Labor/Erlebnisort",
        "target_groups": ["Gemeinde"], "cost": "kostenfrei", "status": "aktiv", "as_of": "2026",
        "domains": [Domain.objects.get(key="bildung").pk],
    }  # fmt: skip
    response = client.post(reverse("offerings:create"), data)
    created = Offering.objects.get(code="ANG-059")
    assert response["Location"] == reverse("offerings:detail", args=["ANG-059"])
    assert created.history.first().history_user == coordinator and list(
        created.domains.values_list("key", flat=True)
    ) == ["bildung"]


def test_import_page_reports_errors_with_lines(client, offerings, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    bad = SimpleUploadedFile(
        "a.csv", b"id;name;ebene;art;status\r\nX-9;Neu;Kommune;Beratung;aktiv\r\n", content_type="text/csv"
    )
    page = client.post(reverse("offerings:import"), {"file": bad}).content.decode()
    assert "Zeile 2, Spalte „ebene“" in page and "nichts wurde gespeichert" in page
    assert not Offering.objects.filter(code="X-9").exists()
