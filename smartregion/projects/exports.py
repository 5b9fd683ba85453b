"""Exports of a filtered project list: CSV (German Excel), XLSX, JSON and GeoJSON.

CSV and XLSX use the import template's columns, so an export can be edited and imported again.
Cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) are neutralised
with a leading apostrophe. Exports are a public contract: tests pin their exact shape.
"""

import csv
import io
import json

from django.http import HttpResponse

from smartregion.core.downloads import csv_response, neutralise, xlsx_response

from .importer import TEMPLATE_COLUMNS

EXTRA_COLUMNS = ["url", "nachnutzungen", "herkunft"]


def row_for(project, *, base_url: str, reuse_count: int) -> dict:
    lead = project.lead_territory
    return {
        "id": project.external_id or f"SRH-{project.pk}",
        "titel": project.title,
        "kommune": project.lead_name,
        "ags": (lead.ags or lead.ars) if lead else "",
        "land_code": project.land.ars if project.land_id else "",
        "handlungsfeld": project.primary_domain.label_de if project.primary_domain_id else "",
        "weitere_handlungsfelder": "|".join(d.label_de for d in project.domains.all()),
        "stichworte": "|".join(k.label for k in project.keywords.all()),
        "kurzbeschreibung": project.summary,
        "problem": project.problem,
        "status": project.get_status_display(),
        "startjahr": str(project.start_year or ""),
        "programm": project.funding_sources,
        "partner": "|".join(line for line in project.partner_organisations.splitlines() if line.strip()),
        "open_source": project.open_source,
        "quelle": "|".join(project.source_urls),
        "stand": project.source_as_of,
        "url": base_url.rstrip("/") + project.get_absolute_url(),
        "nachnutzungen": str(reuse_count),
        "herkunft": project.origin,
    }


def _rows(projects, reuse_counts, base_url):
    for project in projects:
        yield row_for(project, base_url=base_url, reuse_count=reuse_counts.get(project.pk, 0))


def as_csv(projects, reuse_counts, *, base_url: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TEMPLATE_COLUMNS + EXTRA_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in _rows(projects, reuse_counts, base_url):
        writer.writerow({key: neutralise(value) for key, value in row.items()})
    return csv_response(buffer.getvalue(), "projekte.csv")


def as_xlsx(projects, reuse_counts, *, base_url: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Projekte")
    columns = TEMPLATE_COLUMNS + EXTRA_COLUMNS
    sheet.append(columns)
    for row in _rows(projects, reuse_counts, base_url):
        sheet.append([neutralise(row[column]) for column in columns])
    return xlsx_response(workbook, "projekte.xlsx")


def as_json(projects, reuse_counts, *, base_url: str) -> HttpResponse:
    data = {"projects": list(_rows(projects, reuse_counts, base_url))}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="projekte.json"'
    return response


def geojson_features(projects, reuse_counts, *, base_url: str) -> list[dict]:
    features = []
    for project in projects:
        if project.latitude is None or project.longitude is None:
            continue
        row = row_for(project, base_url=base_url, reuse_count=reuse_counts.get(project.pk, 0))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(project.longitude, 5), round(project.latitude, 5)]},
                "properties": {
                    key: row[key]
                    for key in ("id", "titel", "kommune", "handlungsfeld", "status", "url", "nachnutzungen")
                },
            }
        )
    return features


def as_geojson(projects, reuse_counts, *, base_url: str, download: bool = True) -> HttpResponse:
    data = {"type": "FeatureCollection", "features": geojson_features(projects, reuse_counts, base_url=base_url)}
    response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/geo+json; charset=utf-8")
    if download:
        response["Content-Disposition"] = 'attachment; filename="projekte.geojson"'
    return response


def template_csv() -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerow(
        [
            "",
            "Digitaler Mängelmelder",
            "Musterstadt",
            "09162000",
            "09",
            "Verwaltung & Bürgerservices",
            "Gesellschaft, Teilhabe & Kultur",
            "Mängelmelder|Bürgerservice",
            "Bürgerinnen melden Schäden per App.",
            "Schäden im Straßenraum wurden spät bekannt.",
            "Betrieb",
            "2023",
            "",
            "",
            "unbekannt",
            "https://www.example.org/maengelmelder",
            "2025-01",
        ]
    )
    return csv_response(buffer.getvalue(), "projekte-vorlage.csv")


def template_xlsx() -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Projekte"
    sheet.append(TEMPLATE_COLUMNS)
    return xlsx_response(workbook, "projekte-vorlage.xlsx")
