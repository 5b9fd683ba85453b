"""The Bestandsaufnahme: a territory's editors list projects, data and actors; the files import cleanly."""

import csv
import io

from django.urls import reverse

from smartregion.projects.importer import validate
from smartregion.toolkit.models import StocktakeEntry
from smartregion.toolkit.stocktake import DATASET_COLUMNS

from ..factories import UserFactory


def _step(code, step):
    return reverse("toolkit:stocktake", args=[code, step])


def test_an_editor_walks_through_the_steps_and_gets_import_files(client, editor, jena):
    client.force_login(editor)
    assert client.get(reverse("toolkit:stocktake_start")).url == _step(jena.code, "projekte")
    response = client.post(
        _step(jena.code, "projekte"),
        {"title": "Parksensoren Innenstadt", "summary": "Freie Parkplätze in Echtzeit.", "domain": "mobilitaet",
         "status": "betrieb", "start_year": "2022", "keywords": "LoRaWAN, Parken", "partners": "Stadtwerke Jena",
         "url": "https://example.org/parken"},
    )  # fmt: skip
    assert response.status_code == 302
    client.post(
        _step(jena.code, "projekte"),
        {"title": '=HYPERLINK("http://evil")', "summary": "Formel", "domain": "verwaltung", "status": "idee"},
    )
    client.post(
        _step(jena.code, "daten"),
        {"title": "Fahrplan Stadtbus", "description": "Soll- und Echtzeitdaten", "domain": "mobilitaet",
         "publisher": "Jenaer Nahverkehr", "access": "open", "formats": "GTFS", "standards": "GTFS"},
    )  # fmt: skip
    client.post(
        _step(jena.code, "akteure"),
        {"title": "Digitalisierungsbeauftragte", "organisation": "Stadt Jena", "sector": "verwaltung",
         "role": "koordiniert"},
    )  # fmt: skip
    result = client.get(_step(jena.code, "ergebnis")).content.decode()
    assert "Sie haben 2 Projekte, 1 Datenbestände und 1 Akteure erfasst." in result

    projects_csv = client.get(reverse("toolkit:stocktake_download", args=[jena.code, "project", "csv"]))
    text = projects_csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text  # formula neutralised
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    records, errors = validate([(number, row) for number, row in enumerate(rows, start=2)])
    assert errors == [] and [record["title"] for record in records][0] == "Parksensoren Innenstadt"
    assert records[0]["lead_territory"] == jena and records[0]["keywords"] == ["LoRaWAN", "Parken"]

    data_csv = client.get(reverse("toolkit:stocktake_download", args=[jena.code, "dataset", "csv"]))
    data_rows = list(csv.DictReader(io.StringIO(data_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert list(data_rows[0]) == DATASET_COLUMNS
    assert data_rows[0]["zugang"] == "open" and data_rows[0]["raeumliche_abdeckung_ars"] == jena.ars
    xlsx = client.get(reverse("toolkit:stocktake_download", args=[jena.code, "actor", "xlsx"]))
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")


def test_invalid_entries_are_reported_and_nothing_is_written(client, editor, jena):
    client.force_login(editor)
    response = client.post(_step(jena.code, "daten"), {"title": "", "access": "irgendwie", "url": "kein link"})
    text = response.content.decode()
    assert response.status_code == 200 and "Dieses Feld ist zwingend erforderlich." in text
    assert not StocktakeEntry.objects.exists()


def test_only_the_territory_editors_see_its_stocktake(client, editor, jena, ilmenau):
    client.force_login(editor)
    assert client.get(_step(ilmenau.code, "projekte")).status_code == 403
    client.force_login(UserFactory())
    assert client.get(_step(jena.code, "projekte")).status_code == 403
    client.logout()
    assert client.get(_step(jena.code, "projekte")).status_code == 302


def test_a_stale_entry_edit_is_a_conflict(client, editor, jena):
    client.force_login(editor)
    client.post(_step(jena.code, "akteure"), {"title": "IHK", "sector": "wirtschaft", "role": "Partner"})
    entry = StocktakeEntry.objects.get()
    url = reverse("toolkit:stocktake_entry", args=[jena.code, entry.pk])
    form = {"title": "IHK Ostthüringen", "sector": "wirtschaft", "role": "Partner", "revision": entry.revision}
    assert client.post(url, form).status_code == 302
    again = client.post(url, {**form, "title": "IHK Erfurt"})
    assert "Jemand anderes hat inzwischen gespeichert" in again.content.decode()
    assert StocktakeEntry.objects.get().title == "IHK Ostthüringen" and entry.history.count() == 2


def test_the_entry_edit_page_shows_the_stored_values(client, editor, jena):
    client.force_login(editor)
    client.post(_step(jena.code, "akteure"), {"title": "IHK", "sector": "wirtschaft", "role": "Partner"})
    entry = StocktakeEntry.objects.get()
    form = client.get(reverse("toolkit:stocktake_entry", args=[jena.code, entry.pk])).context["form"]
    assert (form["title"].value(), form["sector"].value(), form["role"].value()) == ("IHK", "wirtschaft", "Partner")
