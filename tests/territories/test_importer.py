import csv
import io

import pytest
from django.core.management import CommandError, call_command

from smartregion.territories.enums import SizeClass, TerritoryKind
from smartregion.territories.importer import RegisterImportError, import_register
from smartregion.territories.models import Territory

pytestmark = pytest.mark.django_db


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows, *, delimiter=",", fieldnames=None):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=fieldnames or list(rows[0]), delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue()


def test_bavaria_has_the_official_counts():
    bayern = Territory.objects.get(kind=TerritoryKind.LAND, ars="09")
    in_bayern = Territory.objects.filter(land=bayern, is_active=True)
    assert in_bayern.filter(kind=TerritoryKind.GEMEINDE).count() == 2056
    assert in_bayern.filter(kind=TerritoryKind.KREIS, type_label="Landkreis").count() == 71
    assert in_bayern.filter(kind=TerritoryKind.KREIS, type_label="Kreisfreie Stadt").count() == 25
    assert in_bayern.filter(kind=TerritoryKind.REGBEZ).count() == 7


def test_hierarchy_facts_and_size_class_of_a_gemeinde(ilmenau, ilm_kreis):
    assert ilmenau.name == "Ilmenau, Stadt"
    assert ilmenau.short_name == "Ilmenau"
    assert ilmenau.ars == "160700029029"
    assert ilmenau.kreis == ilm_kreis
    assert ilmenau.land.name == "Thüringen"
    assert ilmenau.population == 39147
    assert ilmenau.population_census_2022 is not None
    assert ilmenau.size_class == SizeClass.MITTELSTADT
    assert ilmenau.postcode == "98693"
    assert ilmenau.latitude == pytest.approx(50.68, abs=0.05)
    # Kreis aggregates are sums of their Gemeinden.
    members = Territory.objects.filter(kreis=ilm_kreis, kind__in=[TerritoryKind.GEMEINDE, TerritoryKind.GEMEINDEFREI])
    assert ilm_kreis.population == sum(member.population for member in members)


def test_size_classes_follow_population_thresholds():
    assert SizeClass.for_population(100_000) == SizeClass.GROSSSTADT
    assert SizeClass.for_population(99_999) == SizeClass.MITTELSTADT
    assert SizeClass.for_population(20_000) == SizeClass.MITTELSTADT
    assert SizeClass.for_population(19_999) == SizeClass.KLEINSTADT
    assert SizeClass.for_population(5_000) == SizeClass.KLEINSTADT
    assert SizeClass.for_population(4_999) == SizeClass.LANDGEMEINDE


def test_second_import_changes_nothing(register_csv):
    from tests.conftest import CENSUS_FILE

    result = import_register(register_csv.encode(), census_source=CENSUS_FILE)
    assert (result.created, result.updated, result.deactivated) == (0, 0, 0)
    assert result.unchanged == Territory.objects.filter(kind__in=[k for k in TerritoryKind if k != "alliance"]).count()


def test_command_reports_zero_changes_on_a_repeated_run(tmp_path, register_csv, capsys):
    from tests.conftest import CENSUS_FILE

    path = tmp_path / "gemeinden_2024-12-31.csv"
    path.write_text(register_csv, encoding="utf-8")
    call_command("import_territories", str(path), census=CENSUS_FILE)
    output = capsys.readouterr().out
    assert "0 created, 0 updated, 0 deactivated" in output


def test_newer_register_renames_and_marks_vanished_inactive(register_csv):
    rows = _rows(register_csv)
    renamed = next(row for row in rows if row["ags"] == "16070029")  # Ilmenau
    renamed["name"] = "Ilmenau, Universitätsstadt"
    vanished_ags = "16070004"  # Amt Wachsenburg
    newer = [row for row in rows if row["ags"] != vanished_ags]
    before = Territory.objects.count()

    from tests.conftest import CENSUS_FILE

    result = import_register(_csv(newer).encode(), census_source=CENSUS_FILE)

    ilmenau = Territory.objects.get(ags="16070029")
    assert ilmenau.name == "Ilmenau, Universitätsstadt"
    assert ilmenau.history.filter(name="Ilmenau, Stadt").exists()
    vanished = Territory.all_objects.get(ags=vanished_ags)
    assert vanished.is_active is False
    assert Territory.objects.count() == before  # never deleted
    assert result.deactivated == 1
    assert result.created == 0


def test_malformed_file_is_refused_with_row_numbers_and_nothing_written(register_csv):
    rows = _rows(register_csv)[:6]
    rows[1]["ars"] = "0916"  # line 3
    rows[2]["population"] = "viele"  # line 4
    rows[3]["lat"] = "12.5"  # line 5: not in Germany
    rows[4]["ars"] = rows[0]["ars"]  # line 6: duplicate of line 2
    rows[4]["ags"] = rows[0]["ags"]
    before = Territory.objects.count()
    name_before = Territory.objects.get(ars=rows[0]["ars"]).name
    rows[0]["name"] = "Umbenannt, aber nie gespeichert"

    with pytest.raises(RegisterImportError) as raised:
        import_register(_csv(rows).encode())

    messages = [str(error) for error in raised.value.errors]
    assert any(message.startswith("Zeile 3, Spalte „ars“") for message in messages)
    assert any(message.startswith("Zeile 4, Spalte „population“") for message in messages)
    assert any(message.startswith("Zeile 5, Spalte „lat“") for message in messages)
    assert any(message.startswith("Zeile 6, Spalte „ars“") and "Zeile 2" in message for message in messages)
    assert Territory.objects.count() == before
    assert Territory.objects.get(ars=rows[0]["ars"]).name == name_before


def test_missing_column_is_reported_on_the_header_line(register_csv):
    rows = _rows(register_csv)[:3]
    fieldnames = [name for name in rows[0] if name != "kreis_ags"]
    for row in rows:
        del row["kreis_ags"]
    with pytest.raises(RegisterImportError) as raised:
        import_register(_csv(rows, fieldnames=fieldnames).encode())
    assert [str(error) for error in raised.value.errors] == ["Zeile 1, Spalte „kreis_ags“: Pflichtspalte fehlt."]


def test_german_excel_csv_is_accepted(register_csv):
    """Semicolons, Windows-1252, a BOM and decimal commas, as Excel writes them."""
    rows = [row for row in _rows(register_csv) if row["kreis_ags"] == "16070"]
    for row in rows:
        row["area_km2"] = row["area_km2"].replace(".", ",")
        row["lon"] = row["lon"].replace(".", ",")
        row["lat"] = row["lat"].replace(".", ",")
    text = _csv(rows, delimiter=";")
    for encoded in (text.encode("cp1252"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        import_register(encoded, partial=True)
        ilmenau = Territory.objects.get(ags="16070029")
        assert ilmenau.area_km2 == pytest.approx(198.69)
        assert ilmenau.name == "Ilmenau, Stadt"


def test_command_refuses_bad_file_with_clear_message(tmp_path):
    path = tmp_path / "kaputt.csv"
    path.write_text("ars,name\n1,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_territories", str(path))


def test_an_extract_is_not_taken_for_the_whole_register(register_csv):
    rows = [row for row in _rows(register_csv) if row["kreis_ags"] == "16070"]
    with pytest.raises(RegisterImportError, match="Fehler") as raised:
        import_register(_csv(rows).encode())
    assert "--partial" in str(raised.value.errors[0])
    assert Territory.objects.filter(is_active=False).count() == 0
