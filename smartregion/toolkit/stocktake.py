"""The Bestandsaufnahme's files: what a territory listed, as import files.

Projects become rows of the catalog's import template (projects.importer.TEMPLATE_COLUMNS), so the
file goes straight into "Projekte importieren" and is validated there row by row. Data holdings
become rows of the data inventory's columns (title, description, Handlungsfeld, publisher, access,
update frequency, formats, standards, URL, spatial coverage as ARS); actors a plain list. Every file
is written for German Excel (semicolons, UTF-8 with BOM) or as XLSX, formula-safe.
"""

import io

from smartregion.core.downloads import csv_table, neutralise
from smartregion.opendata.importer import COLUMNS as DATASET_IMPORT_COLUMNS
from smartregion.projects.enums import ProjectStatus
from smartregion.projects.importer import TEMPLATE_COLUMNS
from smartregion.taxonomy.models import Domain
from smartregion.territories.enums import TerritoryKind

from .enums import StocktakeKind

DATASET_COLUMNS = DATASET_IMPORT_COLUMNS  # the data inventory imports exactly this file
ACTOR_COLUMNS = ["name", "organisation", "bereich", "rolle", "kontakt"]
COLUMNS = {
    StocktakeKind.PROJECT: TEMPLATE_COLUMNS,
    StocktakeKind.DATASET: DATASET_COLUMNS,
    StocktakeKind.ACTOR: ACTOR_COLUMNS,
}
FILE_NAMES = {
    StocktakeKind.PROJECT: "bestandsaufnahme-projekte",
    StocktakeKind.DATASET: "bestandsaufnahme-daten",
    StocktakeKind.ACTOR: "bestandsaufnahme-akteure",
}


def territory_key(territory) -> tuple[str, str]:
    """(key for the catalog's `ags` column, two-digit Land code) of the listing territory."""
    land_code = territory.land.ars[:2] if territory.land_id else territory.ars[:2]
    if territory.ags:
        return territory.ags, land_code
    if territory.kind == TerritoryKind.KREIS:
        return territory.ars[:5], land_code
    return "", land_code


def _labels() -> dict[str, str]:
    return {domain.key: domain.label_de for domain in Domain.objects.all()}


def rows(stocktake, kind: str) -> list[list[str]]:
    """The file's rows (without the header) for one kind, in the order the entries were listed."""
    entries = [entry for entry in stocktake.entries.all() if entry.kind == kind]
    labels = _labels()
    territory = stocktake.territory
    key, land_code = territory_key(territory)
    if kind == StocktakeKind.PROJECT:
        statuses = {status.value: status.label for status in ProjectStatus}
        return [
            [
                f"BA-{entry.pk}",
                entry.title,
                "" if key else territory.name,
                key,
                land_code,
                labels.get(entry.data.get("domain", ""), ""),
                "",
                "|".join(part.strip() for part in entry.data.get("keywords", "").split(",") if part.strip()),
                entry.data.get("summary", ""),
                entry.data.get("problem", ""),
                str(statuses.get(entry.data.get("status", ""), "")),
                str(entry.data.get("start_year") or ""),
                "",
                "|".join(line.strip() for line in entry.data.get("partners", "").splitlines() if line.strip()),
                "unbekannt",
                entry.data.get("url", ""),
                entry.updated_at.date().isoformat(),
            ]
            for entry in entries
        ]
    if kind == StocktakeKind.DATASET:
        return [
            [
                entry.title,
                entry.data.get("description", ""),
                labels.get(entry.data.get("domain", ""), ""),
                entry.data.get("publisher", ""),
                entry.data.get("access", ""),
                entry.data.get("frequency", ""),
                entry.data.get("formats", ""),
                entry.data.get("standards", ""),
                entry.data.get("url", ""),
                territory.ars,
            ]
            for entry in entries
        ]
    return [
        [
            entry.title,
            entry.data.get("organisation", ""),
            entry.data.get("sector", ""),
            entry.data.get("role", ""),
            entry.data.get("contact", ""),
        ]
        for entry in entries
    ]


def csv_text(stocktake, kind: str) -> str:
    return csv_table(COLUMNS[kind], rows(stocktake, kind))


def workbook(stocktake, kind: str):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = str(StocktakeKind(kind).label)[:31]
    sheet.append(COLUMNS[kind])
    for row in rows(stocktake, kind):
        sheet.append([neutralise(value) for value in row])
    return book


def template_bytes() -> bytes:
    """The empty Bestandsaufnahme as an Excel workbook: one sheet per kind with its columns and an example row."""
    from openpyxl import Workbook

    examples = {
        StocktakeKind.PROJECT: {
            "titel": "Digitaler Mängelmelder",
            "kommune": "Musterstadt",
            "land_code": "09",
            "handlungsfeld": "Verwaltung & Bürgerservices",
            "kurzbeschreibung": "Bürgerinnen und Bürger melden Schäden per App.",
            "status": "Betrieb",
            "startjahr": "2023",
        },
        StocktakeKind.DATASET: {
            "titel": "Haltestellen und Fahrplan",
            "beschreibung": "Fahrplandaten des Stadtbusses",
            "handlungsfeld": "Mobilität & Verkehr",
            "herausgeber": "Stadtwerke",
            "zugang": "open",
            "aktualisierung": "wöchentlich",
            "formate": "GTFS",
            "standards": "GTFS",
        },
        StocktakeKind.ACTOR: {
            "name": "Digitalisierungsbeauftragte",
            "organisation": "Stadtverwaltung",
            "bereich": "verwaltung",
            "rolle": "koordiniert die Digitalisierung",
        },
    }
    book = Workbook()
    book.remove(book.active)
    for kind in StocktakeKind:
        sheet = book.create_sheet(str(kind.label)[:31])
        sheet.append(COLUMNS[kind])
        sheet.append([examples[kind].get(column, "") for column in COLUMNS[kind]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
