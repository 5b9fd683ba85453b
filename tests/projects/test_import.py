import csv
import io

import pytest
from django.urls import reverse

from smartregion.projects.importer import TEMPLATE_COLUMNS, ProjectImportError, import_projects
from smartregion.projects.models import Project

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "id": "",
    "titel": "Smarte Straßenbeleuchtung",
    "kommune": "Ilmenau",
    "ags": "16070029",
    "land_code": "16",
    "handlungsfeld": "Energie, Umwelt & Klima",
    "weitere_handlungsfelder": "Infrastruktur & Konnektivität",
    "stichworte": "LED|Sensorik",
    "kurzbeschreibung": "Leuchten dimmen nachts.",
    "problem": "Hohe Stromkosten.",
    "status": "Betrieb",
    "startjahr": "2022",
    "programm": "",
    "partner": "",
    "open_source": "unbekannt",
    "quelle": "https://www.example.org/licht",
    "stand": "2024-05",
}


def make_csv(rows, *, delimiter=",", columns=TEMPLATE_COLUMNS, encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def errors_of(data, **kwargs):
    with pytest.raises(ProjectImportError) as raised:
        import_projects(data, **kwargs)
    return [str(error) for error in raised.value.errors]


def test_a_valid_file_is_imported_and_a_second_run_changes_nothing():
    data = make_csv([GOOD])
    first = import_projects(data, file_name="projekte.csv")
    assert (first.created, first.updated) == (1, 0)
    project = Project.objects.get(title="Smarte Straßenbeleuchtung")
    assert project.lead_territory.ags == "16070029"
    assert sorted(project.keywords.values_list("label", flat=True)) == ["LED", "Sensorik"]
    assert project.source_urls == ["https://www.example.org/licht"]
    second = import_projects(data, file_name="projekte.csv")
    assert (second.created, second.updated, second.unchanged) == (0, 0, 1)


def test_every_error_is_reported_with_its_row_and_nothing_is_written():
    before = Project.objects.count()
    rows = [
        GOOD,
        {**GOOD, "titel": "Unbekannter Ort", "ags": "99999999"},  # line 3: unknown territory key
        {**GOOD, "titel": "Falsches Jahr", "startjahr": "zweitausend"},  # line 4: bad date
        dict(GOOD),  # line 5: duplicate of line 2
    ]
    messages = errors_of(make_csv(rows))
    assert any(m.startswith("Zeile 3, Spalte „ags“: unbekannter Gebietsschlüssel") for m in messages)
    assert any(m.startswith("Zeile 4, Spalte „startjahr“") for m in messages)
    assert any(m.startswith("Zeile 5, Spalte „titel“: doppelte Zeile (wie Zeile 2)") for m in messages)
    assert Project.objects.count() == before


def test_missing_required_column_is_reported_on_the_header_line():
    columns = [column for column in TEMPLATE_COLUMNS if column != "handlungsfeld"]
    assert errors_of(make_csv([GOOD], columns=columns)) == ["Zeile 1, Spalte „handlungsfeld“: Pflichtspalte fehlt."]


def test_german_excel_csv_is_accepted():
    data = b"\xef\xbb\xbf" + make_csv([{**GOOD, "titel": "Müllsensoren"}], delimiter=";")
    assert import_projects(data).created == 1
    data = make_csv([{**GOOD, "titel": "Bürgerbüro online"}], delimiter=";", encoding="cp1252")
    assert import_projects(data).created == 1
    assert Project.objects.filter(title__in=["Müllsensoren", "Bürgerbüro online"]).count() == 2


def test_xlsx_is_accepted():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(TEMPLATE_COLUMNS)
    sheet.append([{**GOOD, "titel": "Aus Excel", "startjahr": 2021}[column] for column in TEMPLATE_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_projects(buffer.getvalue(), file_name="liste.xlsx").created == 1
    assert Project.objects.get(title="Aus Excel").start_year == 2021


def test_upload_page_shows_the_report_and_refuses_wrong_files(client):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    bad = io.BytesIO(make_csv([{**GOOD, "ags": "123"}]))
    bad.name = "fehler.csv"
    html = client.post(reverse("projects:import"), {"file": bad}).content.decode()
    assert "nichts wurde gespeichert" in html and "Zeile 2" in html
    pdf = io.BytesIO(b"%PDF-1.7 not a csv")
    pdf.name = "tarnung.csv"
    html = client.post(reverse("projects:import"), {"file": pdf}).content.decode()
    assert "keine Textdatei" in html
    good = io.BytesIO(make_csv([GOOD]))
    good.name = "ok.csv"
    html = client.post(reverse("projects:import"), {"file": good, "publish": "on"}).content.decode()
    assert "1 angelegt" in html
    assert Project.objects.get(title="Smarte Straßenbeleuchtung").is_published


def test_template_downloads_have_the_import_columns(client):
    text = client.get(reverse("projects:import_template", args=["csv"])).content.decode("utf-8-sig")
    assert text.splitlines()[0].split(";") == TEMPLATE_COLUMNS
