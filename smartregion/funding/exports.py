"""Programmes as CSV (German Excel) and XLSX in the import's column layout: edit and import again."""

import csv
import io

from smartregion.core.downloads import csv_response, neutralise, xlsx_response

from .importer import COLUMNS


def _date(value) -> str:
    return value.isoformat() if value else ""


def row_for(programme) -> dict:
    return {
        "id": programme.code,
        "name": programme.name,
        "kurzname": programme.short_name,
        "ebene": programme.level,
        "land_code": programme.land.ars if programme.land else "",
        "traeger": programme.provider,
        "projekttraeger": programme.project_agency,
        "antragsberechtigt": "|".join(programme.applicants),
        "einwohner_min": programme.population_min or "",
        "einwohner_max": programme.population_max or "",
        "handlungsfelder": "|".join(domain.label_de for domain in programme.domains.all()),
        "foerderart": programme.funding_type,
        "foerderart_typ": programme.funding_kind,
        "foerderquote_max_prozent": programme.max_rate_percent or "",
        "foerderbetrag_max_eur": programme.max_amount_eur or "",
        "kumulierbar": programme.stacking_note or programme.stacking,
        "laufzeit_von": _date(programme.valid_from),
        "laufzeit_bis": _date(programme.valid_until),
        "antragsfrist": programme.deadline_text,
        "frist_regel": programme.deadline_rule,
        "status": programme.status,
        "kurzbeschreibung": programme.description,
        "url": programme.url,
        "quelle": programme.sources,
        "stand": _date(programme.as_of),
        "pruefung": programme.audit_note,
    }


def as_csv(programmes):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for programme in programmes:
        writer.writerow({key: neutralise(str(value)) for key, value in row_for(programme).items()})
    return csv_response(buffer.getvalue(), "foerderprogramme.csv")


def as_xlsx(programmes):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Förderprogramme"
    sheet.append(COLUMNS)
    for programme in programmes:
        row = row_for(programme)
        sheet.append([neutralise(row[column]) for column in COLUMNS])
    return xlsx_response(workbook, "foerderprogramme.xlsx")
