"""Import of funding programmes from the compiled list's CSV format (German Excel CSV accepted).

Every row is validated first; on any error nothing is written and every error is reported with
its line number. Rows are matched by `id` (FP-001 …): a second import updates changed rows.
Deadlines are read from the free-text `antragsfrist` (every date dd.mm.yyyy in it).
"""

import re
from datetime import date
from pathlib import Path

from django.db import transaction

from smartregion.core.csvio import ImportCounts, ImportRejected, RowError, read_rows
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from .enums import Applicant, Level, ProgrammeStatus, Stacking
from .models import Deadline, FundingProgramme
from .services import deadlines_in

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "foerderprogramme.csv"
REQUIRED = ["id", "name", "ebene", "status"]
COLUMNS = [
    "id", "name", "kurzname", "ebene", "land_code", "traeger", "projekttraeger", "antragsberechtigt",
    "einwohner_min", "einwohner_max", "handlungsfelder", "foerderart", "foerderquote_max_prozent",
    "foerderbetrag_max_eur", "kumulierbar", "laufzeit_von", "laufzeit_bis", "antragsfrist", "status",
    "kurzbeschreibung", "url", "quelle", "stand",
]  # fmt: skip
ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class FundingImportError(ImportRejected):
    pass


def parse_partial_date(text: str, *, end: bool = False) -> date | None:
    """ "2019" → 2019-01-01 (or 12-31 for an end), "2024-12" → 2024-12-01 (…-31), ISO dates as they are."""
    match = ISO_PARTIAL.match((text or "").strip())
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    if day:
        return date(year, int(month), int(day))
    if month:
        month = int(month)
        if end:
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(year, month, 1)
    return date(year, 12, 31) if end else date(year, 1, 1)


def _number(value: str):
    value = (value or "").strip().replace(".", "").replace(" ", "")
    return int(value) if value else None


def _label_key(label: str) -> str:
    """Labels compare without spaces and case: "Land- & Forstwirtschaft/Ländlicher Raum" is the taxonomy's field."""
    return re.sub(r"\s+", "", label).casefold()


def validate(rows) -> tuple[list[dict], list[RowError]]:
    domains = {_label_key(domain.label_de): domain for domain in Domain.objects.all()}
    lands = {land.ars: land for land in Territory.objects.filter(kind="land")}
    cleaned, errors = [], []
    seen = set()
    for line, row in rows:
        row_errors = []
        for column in REQUIRED:
            if not (row.get(column) or "").strip():
                row_errors.append(RowError(line, "Pflichtfeld ist leer.", column))
        code = (row.get("id") or "").strip()
        if code in seen:
            row_errors.append(RowError(line, f"Kennung {code} kommt mehrfach vor.", "id"))
        seen.add(code)
        level = (row.get("ebene") or "").strip()
        if level and level not in Level.values:
            row_errors.append(RowError(line, f"Unbekannte Ebene „{level}“ (EU, Bund, Land).", "ebene"))
        land_code = (row.get("land_code") or "").strip()
        if level == Level.LAND and land_code not in lands:
            row_errors.append(RowError(line, "Landesprogramme brauchen einen gültigen Landesschlüssel.", "land_code"))
        applicants = [item.strip() for item in (row.get("antragsberechtigt") or "").split("|") if item.strip()]
        for applicant in applicants:
            if applicant not in Applicant.values:
                row_errors.append(RowError(line, f"Unbekannte Gruppe „{applicant}“.", "antragsberechtigt"))
        field_labels = [item.strip() for item in (row.get("handlungsfelder") or "").split("|") if item.strip()]
        for label in field_labels:
            if _label_key(label) not in domains:
                row_errors.append(RowError(line, f"Unbekanntes Handlungsfeld „{label}“.", "handlungsfelder"))
        status = (row.get("status") or "").strip()
        if status and status not in ProgrammeStatus.values:
            row_errors.append(RowError(line, f"Unbekannter Status „{status}“.", "status"))
        numbers = {}
        for column in ("einwohner_min", "einwohner_max", "foerderquote_max_prozent", "foerderbetrag_max_eur"):
            try:
                numbers[column] = _number(row.get(column, ""))
            except ValueError:
                row_errors.append(RowError(line, "Keine ganze Zahl.", column))
        dates = {}
        for column, end in (("laufzeit_von", False), ("laufzeit_bis", True), ("stand", False)):
            text = (row.get(column) or "").strip()
            try:
                dates[column] = parse_partial_date(text, end=end)
            except ValueError:
                dates[column] = None
            if text and dates[column] is None:
                row_errors.append(RowError(line, "Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT angeben.", column))
        if row_errors:
            errors += row_errors
            continue
        stacking_text = (row.get("kumulierbar") or "").strip()
        stacking = next((value for value in Stacking.values if stacking_text.startswith(value)), Stacking.UNKNOWN)
        cleaned.append(
            {
                "code": code,
                "values": {
                    "name": row["name"].strip(),
                    "short_name": (row.get("kurzname") or "").strip(),
                    "level": level,
                    "land": lands.get(land_code) if level == Level.LAND else None,
                    "provider": (row.get("traeger") or "").strip(),
                    "project_agency": (row.get("projekttraeger") or "").strip(),
                    "applicants": applicants,
                    "population_min": numbers["einwohner_min"],
                    "population_max": numbers["einwohner_max"],
                    "funding_type": (row.get("foerderart") or "").strip(),
                    "max_rate_percent": numbers["foerderquote_max_prozent"],
                    "max_amount_eur": numbers["foerderbetrag_max_eur"],
                    "stacking": stacking,
                    "stacking_note": stacking_text,
                    "valid_from": dates["laufzeit_von"],
                    "valid_until": dates["laufzeit_bis"],
                    "deadline_text": (row.get("antragsfrist") or "").strip(),
                    "status": status,
                    "description": (row.get("kurzbeschreibung") or "").strip(),
                    "url": (row.get("url") or "").strip(),
                    "sources": (row.get("quelle") or "").strip(),
                    "as_of": dates["stand"],
                },
                "domains": [domains[_label_key(label)] for label in field_labels],
                "deadlines": deadlines_in(row.get("antragsfrist") or ""),
            }
        )
    return cleaned, errors


@transaction.atomic
def import_programmes(source=SHIPPED_FILE, *, by=None, file_name: str = "") -> ImportCounts:
    """Import CSV or XLSX (by file name) in the column layout of the shipped list; all or nothing."""
    rows, read_errors = read_rows(source, file_name=file_name)
    if read_errors:
        raise FundingImportError(read_errors)
    if not rows:
        raise FundingImportError([RowError(1, "Die Datei enthält keine Programme.")])
    missing = [column for column in REQUIRED if column not in rows[0][1]]
    if missing:
        raise FundingImportError([RowError(1, f"Spalte fehlt: {', '.join(missing)}")])
    cleaned, errors = validate(rows)
    if errors:
        raise FundingImportError(errors)
    result = ImportCounts()
    existing = {programme.code: programme for programme in FundingProgramme.all_objects.all()}
    for entry in cleaned:
        programme = existing.get(entry["code"])
        if programme is None:
            programme = FundingProgramme(code=entry["code"], **entry["values"])
            programme._history_user = by
            programme.save()
            result.created += 1
        elif any(getattr(programme, name) != value for name, value in entry["values"].items()):
            for name, value in entry["values"].items():
                setattr(programme, name, value)
            programme.revision += 1
            programme._history_user = by
            programme.save()
            result.updated += 1
        else:
            result.unchanged += 1
        programme.domains.set(entry["domains"])
        for closes_on, label in entry["deadlines"]:
            Deadline.objects.update_or_create(programme=programme, closes_on=closes_on, defaults={"label": label})
    return result
