"""Offerings: the shipped list imports completely, a bad file is refused with every error and its line, and
a later import of the shipped list keeps what coordinators changed on the platform."""

import pytest

from smartregion.offerings import services
from smartregion.offerings.importer import SHIPPED_FILE, OfferingImportError, import_offerings
from smartregion.offerings.models import Offering
from smartregion.taxonomy.models import Domain

from ..factories import UserFactory

HEADER = "id;name;kurzname;anbieter;ebene;land_code;art;zielgruppe;kosten;handlungsfelder;kontakt_url;" \
    "kurzbeschreibung;wie_nutzen;url;quelle;stand;status\r\n"  # fmt: skip


@pytest.fixture
def offerings(db):
    import_offerings()
    return Offering.objects


def test_all_58_rows_of_the_shipped_list_load_with_their_values(offerings):
    assert offerings.count() == 58
    assert offerings.filter(level="Bund").count() == 15
    assert offerings.filter(land_code="09").count() == 19
    assert offerings.filter(land_code="16").count() == 11
    assert offerings.filter(level="kommunal-gemeinsam").count() == 3
    assert offerings.filter(status="aktiv").count() == 52
    assert list(offerings.filter(status="eingestellt").values_list("code", flat=True)) == ["ANG-029"]
    assert offerings.filter(cost="kostenfrei").count() == 10 and offerings.filter(cost="unbekannt").count() == 38
    assert offerings.filter(as_of="").count() == 8
    lab = offerings.get(code="ANG-001")
    assert (lab.short_name, lab.kind, lab.land_code, lab.cost) == ("BayernLab", "Labor/Erlebnisort", "09", "kostenfrei")
    assert lab.target_groups == ["Gemeinde", "Stadt", "Landkreis", "Verwaltungsmitarbeitende", "Bürgerinnen und Bürger"]
    assert sorted(lab.domains.values_list("key", flat=True)) == [
        "bildung",
        "gesellschaft-teilhabe-kultur",
        "laendlicher-raum",
        "verwaltung",
    ]
    assert lab.contact_url == "https://www.bayernlabs.bayern" and len(lab.source_list) == 5
    # The as-of date keeps the precision of its source: a month, a day, a year.
    assert (lab.as_of, lab.as_of_display) == ("2022-05", "05/2022")
    assert offerings.get(code="ANG-002").as_of_display == "12.01.2024"
    assert offerings.get(code="ANG-004").as_of_display == "2025"
    assert offerings.get(code="ANG-003").as_of == "" and offerings.get(code="ANG-003").needs_check
    again = import_offerings()
    assert (again.created, again.updated, again.unchanged, again.kept) == (0, 0, 58, [])


def test_a_bad_file_reports_every_row_with_its_line_and_writes_nothing(db):
    text = HEADER + (
        "X-1;Gutes Angebot;;Amt;Bund;;Beratung;Gemeinde;kostenfrei;Bildung;;;;https://example.org;;2026-01;aktiv\r\n"
        "X-2;Bund mit Land;;Amt;Bund;09;Beratung;Gemeinde;;;;;;;;;aktiv\r\n"
        "X-3;Alles falsch;;Amt;Kreis;;Kiosk;Bürger;gratis;Raumfahrt;javascript:alert(1);;;ftp://x.org;"
        "https://ok.org | nix;gestern;vielleicht\r\n"
        "X-4;Land ohne Land;;Amt;Land;99;Schulung;Landkreis;;;;;;;;2025-02-30;aktiv\r\n"
        "X-1;Doppelt;;Amt;Bund;;Beratung;Gemeinde;;;;;;;;;aktiv\r\n"
    )
    with pytest.raises(OfferingImportError) as raised:
        import_offerings(text.encode("cp1252"))
    messages = [str(error) for error in raised.value.errors]
    assert not any(message.startswith("Zeile 2") for message in messages)
    assert "Zeile 3, Spalte „land_code“: Angebote des Bundes haben keinen Landesschlüssel." in messages
    for column in ("ebene", "art", "zielgruppe", "kosten", "handlungsfelder", "kontakt_url", "url", "quelle"):
        assert any(message.startswith(f"Zeile 4, Spalte „{column}“") for message in messages), column
    assert "Zeile 4, Spalte „stand“: Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT angeben." in messages
    assert "Zeile 4, Spalte „status“: Unbekannter Status „vielleicht“ (aktiv, eingestellt, unbekannt)." in messages
    assert "Zeile 5, Spalte „land_code“: Angebote eines Landes brauchen einen gültigen Landesschlüssel." in messages
    assert "Zeile 5, Spalte „stand“: Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT angeben." in messages  # 30 February
    assert "Zeile 6, Spalte „id“: Kennung X-1 kommt mehrfach vor." in messages
    assert Offering.all_objects.count() == 0


def test_a_missing_column_and_an_empty_file_are_refused(db):
    with pytest.raises(OfferingImportError) as raised:
        import_offerings(b"id;name;ebene\r\nX-1;Name;Bund\r\n")
    assert [str(error) for error in raised.value.errors] == ["Zeile 1: Spalte fehlt: art, status"]
    with pytest.raises(OfferingImportError) as raised:
        import_offerings(HEADER.encode())
    assert [str(error) for error in raised.value.errors] == ["Zeile 2: Die Datei enthält keine Datenzeilen."]


def test_a_spreadsheet_that_dropped_the_leading_zero_of_the_land_key_still_imports(db):
    import_offerings((HEADER + "X-1;Angebot;;Amt;Land;9;Beratung;Gemeinde;;;;;;;;;aktiv\r\n").encode("cp1252"))
    assert Offering.objects.get(code="X-1").land_code == "09"


def test_a_later_shipped_import_keeps_what_a_coordinator_changed_and_takes_the_rest(offerings, tmp_path):
    coordinator = UserFactory()
    offering = offerings.get(code="ANG-020")
    verwaltung = Domain.objects.get(key="verwaltung")
    services.update_offering(
        offering,
        expected_revision=offering.revision,
        by=coordinator,
        cost="kostenfrei",
        summary="Von der Koordination geprüft: Die Beratung ist kostenfrei.",
        domains=[*offering.domains.all(), verwaltung],
    )
    # The next edition of the list changes the summary, the cost and the name of the same row.
    text = SHIPPED_FILE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("ANG-020,"))
    new_row = row.replace("Digitalagentur Thüringen – Beratung", "Digitalagentur Thüringen (DAT) – Beratung")
    new_row = new_row.replace(",unbekannt,", ",kostenpflichtig,", 1)
    edition = tmp_path / "angebote.csv"
    edition.write_text(text.replace(row, new_row), encoding="utf-8")
    result = import_offerings(edition)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 57)
    assert result.kept == [("ANG-020", "cost")]  # the file's new value a person's edit outranks
    offering = Offering.objects.get(code="ANG-020")
    assert offering.name.startswith("Digitalagentur Thüringen (DAT) – Beratung")  # nobody changed it: the file wins
    assert offering.cost == "kostenfrei"  # the coordinator's, though the file changed it
    assert offering.summary == "Von der Koordination geprüft: Die Beratung ist kostenfrei."  # the file kept its text
    assert "verwaltung" in offering.domains.values_list("key", flat=True)
    assert offering.history.first().history_user is None  # the import's own entry, after the coordinator's
    # The same edition again changes nothing; the coordinator's values still stand.
    again = import_offerings(edition)
    assert (again.updated, again.unchanged) == (0, 58)
    assert Offering.objects.get(code="ANG-020").cost == "kostenfrei"


def test_an_offering_deleted_on_the_platform_stays_deleted(offerings):
    offerings.get(code="ANG-013").delete()
    result = import_offerings()
    assert result.unchanged == 58 and not Offering.objects.filter(code="ANG-013").exists()
    assert Offering.all_objects.get(code="ANG-013").is_deleted


def test_an_upload_is_the_persons_edit_and_asks_the_pages_rule(offerings):
    from smartregion.network import roles as network_roles
    from smartregion.network import services as network_services

    coordinator, stranger = UserFactory(), UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    upload = (
        HEADER + "ANG-039;GovData neu;GovData;IT-Planungsrat;Bund;;Datenportal;Gemeinde;kostenfrei;"
        "Daten & Plattformen;;;;;;2026-11;aktiv\r\nX-9;Neu;;Amt;Bund;;Netzwerk;Stadt;;;;;;;;;aktiv\r\n"
    )
    with pytest.raises(OfferingImportError) as raised:
        import_offerings(upload.encode(), by=stranger)
    assert [str(error) for error in raised.value.errors] == [
        "Zeile 2, Spalte „id“: Sie dürfen das Angebot ANG-039 nicht ändern.",
        "Zeile 3, Spalte „id“: Sie dürfen keine Angebote anlegen.",
    ]
    result = import_offerings(upload.encode(), by=coordinator)
    assert (result.created, result.updated) == (1, 1)
    govdata = Offering.objects.get(code="ANG-039")
    assert govdata.name == "GovData neu" and govdata.history.first().history_user == coordinator
    # The shipped list afterwards keeps the uploaded (a person's) values.
    import_offerings()
    assert Offering.objects.get(code="ANG-039").name == "GovData neu"
