"""Offerings as CSV (German Excel) and XLSX in the import's column layout (edit and import again), and
as JSON (multi-valued columns as lists)."""

import csv
import io

from smartregion.core.downloads import csv_response, json_download, neutralise, xlsx_response

from .importer import COLUMNS


def row_for(offering) -> dict:
    return {
        "id": offering.code,
        "name": offering.name,
        "kurzname": offering.short_name,
        "anbieter": offering.provider,
        "ebene": offering.level,
        "land_code": offering.land_code,
        "art": offering.kind,
        "zielgruppe": "|".join(offering.target_groups),
        "kosten": offering.cost,
        "handlungsfelder": "|".join(domain.label_de for domain in offering.domains.all()),
        "kontakt_url": offering.contact_url,
        "kurzbeschreibung": offering.summary,
        "wie_nutzen": offering.how_to_use,
        "url": offering.url,
        "quelle": offering.sources,
        "stand": offering.as_of,
        "status": offering.status,
    }


def as_csv(offerings):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for offering in offerings:
        writer.writerow({key: neutralise(str(value)) for key, value in row_for(offering).items()})
    return csv_response(buffer.getvalue(), "angebote.csv")


def as_xlsx(offerings):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Angebote"
    sheet.append(COLUMNS)
    for offering in offerings:
        row = row_for(offering)
        sheet.append([neutralise(row[column]) for column in COLUMNS])
    return xlsx_response(workbook, "angebote.xlsx")


def as_json(offerings, *, absolute):
    """The same columns; target groups, Handlungsfelder (keys) and sources as lists, and each page's address."""
    records = []
    for offering in offerings:
        row = row_for(offering)
        row["zielgruppe"] = list(offering.target_groups)
        row["handlungsfelder"] = [domain.key for domain in offering.domains.all()]
        row["quelle"] = offering.source_list
        row["seite"] = absolute(offering.get_absolute_url())
        records.append(row)
    return json_download(records, "angebote.json")
