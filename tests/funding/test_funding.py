"""Funding programmes: import of the real compiled list (v2), eligibility with reasons, deadlines and ICS."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smartregion.core.siteurl import site_host
from smartregion.funding import deadline_rules, eligibility
from smartregion.funding.importer import FundingImportError, import_programmes, parse_partial_date
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.funding.services import deadlines_in
from smartregion.network import roles as network_roles
from smartregion.territories.models import Territory

from .other_laender import ALL_LANDS, add_territories

ALL_GROUPS = ["Gemeinde (kreisangehörig)", "Stadt (kreisangehörig)", "kreisfreie Stadt"]


@pytest.fixture
def programmes(db):
    add_territories(ALL_LANDS)  # the test world has Bayern and Thüringen; the list has programmes of every Land
    import_programmes()
    return FundingProgramme.objects


def test_the_real_list_imports_completely_and_idempotently(programmes):
    assert programmes.count() == 96
    assert programmes.filter(level="Land", land__ars="09").count() == 20
    assert programmes.filter(level="Land", land__ars="16").count() == 10
    assert {programme.land.ars for programme in programmes.filter(level="Land")} == set(ALL_LANDS)
    digitales_rathaus = programmes.filter(domains__key="verwaltung").count()
    assert digitales_rathaus > 0
    assert programmes.get(code="FP-055").deadlines.filter(closes_on=date(2026, 6, 15)).exists()
    kfw = programmes.get(code="FP-013")
    assert (kfw.funding_kind, kfw.deadline_rule) == ("Darlehen", "laufend")
    assert kfw.rate_text == "Finanzierungsanteil bis 100 %"  # a loan's share of the costs, not a Förderquote
    assert programmes.get(code="FP-025").rate_text == "Förderquote bis 90 %"
    dorf = programmes.get(code="FP-047")
    assert dorf.deadline_rule == "jaehrlich:01-15"
    assert not dorf.deadlines.exists()  # not the past dates of its text: the next date is computed
    assert dorf.audit_note.startswith("2026-11-22: frist_regel jaehrlich:01-15 gesetzt")
    result = import_programmes()
    assert (result.created, result.updated, result.unchanged, result.kept) == (0, 0, 96, [])


def test_a_bad_file_reports_every_row_and_writes_nothing(db):
    text = (
        "id;name;ebene;land_code;antragsberechtigt;handlungsfelder;status;foerderquote_max_prozent;stand\r\n"
        "X-1;Gutes Programm;Bund;;Gemeinde;Bildung;offen;80;2026-01\r\n"
        "X-2;Falsche Ebene;Kreis;;Gemeinde;;offen;;\r\n"
        "X-3;Land ohne Schlüssel;Land;;Bürger;Raumfahrt;vielleicht;achtzig;gestern\r\n"
    ).encode("cp1252")
    with pytest.raises(FundingImportError) as raised:
        import_programmes(b"\xef\xbb\xbf" + text.decode("cp1252").encode("utf-8"))
    messages = [str(error) for error in raised.value.errors]
    assert any(message.startswith("Zeile 3, Spalte „ebene“") for message in messages)
    for column in ("land_code", "antragsberechtigt", "handlungsfelder", "status", "foerderquote_max_prozent", "stand"):
        assert any(message.startswith(f"Zeile 4, Spalte „{column}“") for message in messages), column
    assert not any("Zeile 2" in message for message in messages)
    assert FundingProgramme.objects.count() == 0


def test_german_excel_csv_is_accepted(db):
    text = (
        "id;name;ebene;antragsberechtigt;status;foerderbetrag_max_eur\r\n"
        "X-1;Förderung für Dörfer;Bund;Gemeinde;offen;1.500.000\r\n"
    )
    import_programmes(text.encode("cp1252"))
    assert FundingProgramme.objects.get(code="X-1").max_amount_eur == 1_500_000


def test_partial_dates_and_deadline_texts():
    assert parse_partial_date("2019") == date(2019, 1, 1)
    assert parse_partial_date("2024-02", end=True) == date(2024, 2, 29)
    assert parse_partial_date("2026", end=True) == date(2026, 12, 31)
    assert deadlines_in("Staffel 2: 20.04.2020; Staffel 3: 14.03.2021 (letzte)") == [
        (date(2020, 4, 20), "Staffel 2: 20.04.2020"),
        (date(2021, 3, 14), "Staffel 3: 14.03.2021 (letzte)"),
    ]


def _programme(**values):
    defaults = {"code": "T-1", "name": "Testprogramm", "level": "Bund", "applicants": ALL_GROUPS, "status": "offen"}
    return FundingProgramme.objects.create(**{**defaults, **values})


TODAY = date(2026, 11, 22)


def test_wrong_land_is_never_eligible_and_says_why(jena):
    bavaria = Territory.objects.get(kind="land", ars="09")
    verdict = eligibility.check(_programme(level="Land", land=bavaria), jena, today=TODAY)
    assert not verdict.eligible and "Bayern" in verdict.sentence


def test_population_above_the_limit_is_refused(jena):
    verdict = eligibility.check(_programme(population_max=10_000), jena, today=TODAY)
    assert not verdict.eligible and "10.000 Einwohner" in verdict.sentence


def test_applicant_kind_must_match(jena):
    verdict = eligibility.check(_programme(applicants=["Landkreis"]), jena, today=TODAY)
    assert not verdict.eligible and "Landkreis" in verdict.sentence


def test_closed_call_is_refused_and_open_deadline_named(jena):
    closed = _programme(code="T-2", status="geschlossen")
    Deadline.objects.create(programme=closed, closes_on=date(2025, 6, 30), label="Aufruf 2025")
    verdict = eligibility.check(closed, jena, today=TODAY)
    assert not verdict.eligible and verdict.sentence == "als geschlossen gemeldet; letzte Frist 30.06.2025"
    upcoming = _programme(code="T-3", status="offen", population_max=200_000)
    Deadline.objects.create(programme=upcoming, closes_on=date(2027, 1, 31), label="Aufruf 2027")
    verdict = eligibility.check(upcoming, jena, today=TODAY)
    assert verdict.eligible
    assert "Frist 31.01.2027" in verdict.sentence and "200.000 Einwohner" in verdict.sentence
    # "unbekannt" is never taken as open (list v2), even with a deadline ahead.
    unknown = _programme(code="T-6", status="unbekannt")
    Deadline.objects.create(programme=unknown, closes_on=date(2027, 1, 31), label="Aufruf 2027")
    verdict = eligibility.check(unknown, jena, today=TODAY)
    assert not verdict.eligible
    assert verdict.sentence == (
        "Status unbekannt: nicht belegt, ob Anträge möglich sind; nächste bekannte Frist wäre der 31.01.2027"
    )


def test_ics_feed_parses_and_keeps_stable_uids(client, programmes):
    from icalendar import Calendar

    response = client.get(reverse("funding:deadlines_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    assert all(len(line.encode()) <= 75 for line in response.content.decode().split("\r\n"))
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    yearly = FundingProgramme.objects.filter(deadline_rule__startswith="jaehrlich:")
    assert len(events) == Deadline.objects.count() + yearly.count()  # a yearly deadline: its next date
    uids = {str(event["UID"]) for event in events}
    assert f"frist-FP-055-20260615@{site_host()}" in uids
    next_january = deadline_rules.parse("jaehrlich:01-15").next_yearly(timezone.localdate())
    assert f"frist-FP-047-{next_january:%Y%m%d}@{site_host()}" in uids
    assert all(event.get("DTSTAMP") is not None for event in events)
    # The UIDs come from SITE_URL, not from the host name the feed was fetched by.
    other = Calendar.from_ical(client.get(reverse("funding:deadlines_ics"), HTTP_HOST="localhost").content)
    assert {str(event["UID"]) for event in other.walk("VEVENT")} == uids
    again = Calendar.from_ical(client.get(reverse("funding:deadlines_ics")).content)
    assert {str(event["UID"]) for event in again.walk("VEVENT")} == uids


def test_pages_show_source_as_of_and_check_flag(client, programmes):
    page = client.get(reverse("funding:detail", args=["FP-001"])).content.decode()
    assert "Bitte prüfen" in page and "smart-cities-made-in.de" in page
    page = client.get(reverse("funding:detail", args=["FP-001"]), {"gebiet": "Jena"}).content.decode()
    assert "Jena, Stadt (kreisfreie Stadt):" in page
    listing = client.get(reverse("funding:list"), {"land": "16"}).content.decode()
    assert "Thüringer" in listing or "Thüringen" in listing


def test_list_query_count_does_not_grow(client, programmes):
    with CaptureQueriesContext(connection) as everything:
        client.get(reverse("funding:list"))
    with CaptureQueriesContext(connection) as some:
        client.get(reverse("funding:list"), {"ebene": "EU"})
    assert len(everything) == len(some) <= 12


def test_an_open_status_before_a_passed_deadline_does_not_count(jena):
    """EUI: "offen" as of 25.02.2026 with the call closing 15.06.2026 — in November the call is over."""
    programme = _programme(code="T-4", applicants=["Stadt"], as_of=date(2026, 2, 25))
    Deadline.objects.create(programme=programme, closes_on=date(2026, 6, 15), label="4. Aufruf")
    verdict = eligibility.check(programme, jena, today=TODAY)
    assert not verdict.eligible and "15.06.2026" in verdict.sentence
    rolling = _programme(code="T-5", as_of=date(2026, 9, 1))
    Deadline.objects.create(programme=rolling, closes_on=date(2026, 6, 15), label="erster Stichtag")
    assert eligibility.check(rolling, jena, today=TODAY).eligible  # the source still said open after it


def test_export_imports_again_unchanged_and_uploads_report_errors(client, programmes):
    from smartregion.network import roles as network_roles
    from smartregion.network import services as network_services

    from ..factories import UserFactory

    xlsx = client.get(reverse("funding:export", args=["xlsx"]))
    csv_export = client.get(reverse("funding:export", args=["csv"]))
    assert csv_export.content.startswith(b"\xef\xbb\xbf") and b";" in csv_export.content.splitlines()[0]
    result = import_programmes(xlsx.content, file_name="foerderprogramme.xlsx")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 96)
    result = import_programmes(csv_export.content, file_name="foerderprogramme.csv")
    assert result.unchanged == 96

    coordinator = UserFactory()
    admin = UserFactory(is_superuser=True)
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    network_roles.grant_network_role(user=coordinator, network=network)
    client.force_login(coordinator)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("p.csv", b"id;name;ebene;status\r\nX-9;Neu;Kommune;offen\r\n", content_type="text/csv")
    page = client.post(reverse("funding:import"), {"file": bad}).content.decode()
    assert "Zeile 2, Spalte „ebene“" in page and "nichts wurde gespeichert" in page
    assert not FundingProgramme.objects.filter(code="X-9").exists()
    wrong_type = SimpleUploadedFile("p.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert "nicht erlaubt" in client.post(reverse("funding:import"), {"file": wrong_type}).content.decode()


def _edit_form(programme, **changes):
    data = {
        "name": programme.name,
        "short_name": programme.short_name,
        "level": programme.level,
        "land": programme.land_id or "",
        "applicants": programme.applicants,
        "stacking": programme.stacking,
        "status": programme.status,
        "deadline_text": programme.deadline_text,
        "revision": programme.revision,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_coordinator_edits_a_programme_with_history_and_deadlines_following_the_text(client, programmes):
    from smartregion.network import services as network_services

    from ..factories import UserFactory

    coordinator = UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    programme = programmes.get(code="FP-055")
    other = programmes.exclude(pk=programme.pk).first()
    client.force_login(coordinator)
    url = reverse("funding:edit", args=[programme.code])
    response = client.post(
        url,
        _edit_form(programme, deadline_text="Stichtage 01.03.2031; 01.09.2031", excludes=[other.pk], stacking="nein"),
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert [d.closes_on for d in programme.deadlines.all()] == [date(2031, 3, 1), date(2031, 9, 1)]
    assert list(other.excludes.all()) == [programme]  # "excludes each other" holds both ways
    assert programme.history.first().history_user == coordinator
    stale = _edit_form(programme, name="Ältere Fassung", revision=programme.revision - 1)
    conflict = client.post(url, stale)
    assert conflict.status_code == 200 and "Jemand anderes hat inzwischen gespeichert" in conflict.content.decode()
    refused = client.post(url, _edit_form(programme, level="Land", land=""))
    assert "Ein Landesprogramm braucht sein Land." in refused.content.decode()
    assert FundingProgramme.objects.get(pk=programme.pk).name == programme.name
