import csv
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse

from smartregion.projects.exports import EXTRA_COLUMNS, neutralise
from smartregion.projects.importer import TEMPLATE_COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(make_project, jena):
    return make_project(jena, title='=HYPERLINK("http://evil")', summary="Formel im Titel", start_year=2021)


def test_csv_export_is_german_excel_with_the_template_columns(client, project):
    response = client.get(reverse("projects:export", args=["csv"]), {"q": "Formel"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert list(rows[0]) == TEMPLATE_COLUMNS + EXTRA_COLUMNS
    assert rows[0]["titel"].startswith("'=")  # formula neutralised
    assert rows[0]["ags"] == "16053000"
    assert rows[0]["startjahr"] == "2021"
    assert rows[0]["url"] == f"{settings.SITE_URL}{project.get_absolute_url()}"


def test_xlsx_export_reads_back(client, project):
    from openpyxl import load_workbook

    response = client.get(reverse("projects:export", args=["xlsx"]), {"q": "Formel"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == TEMPLATE_COLUMNS + EXTRA_COLUMNS
    assert values[1][TEMPLATE_COLUMNS.index("titel")].startswith("'=")


def test_json_and_geojson_exports(client, project):
    data = json.loads(client.get(reverse("projects:export", args=["json"]), {"q": "Formel"}).content)
    assert [row["kommune"] for row in data["projects"]] == ["Jena, Stadt"]
    assert set(data["projects"][0]) == set(TEMPLATE_COLUMNS + EXTRA_COLUMNS)
    geo = json.loads(client.get(reverse("projects:export", args=["geojson"]), {"q": "Formel"}).content)
    feature = geo["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert feature["geometry"]["coordinates"][1] == pytest.approx(project.latitude, abs=1e-4)
    assert feature["properties"]["titel"] == project.title


def test_neutralise_only_touches_formula_starts():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("Normaler Text") == "Normaler Text"
    assert neutralise("") == ""
