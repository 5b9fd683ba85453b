"""Import of funding programmes from the compiled list's CSV format (German Excel CSV accepted).

Every row is validated first; on any error nothing is written and every error is reported with
its line number. Rows are matched by `id` (FP-001 …): a second import updates changed rows.

The list's second version adds `foerderart_typ`, `frist_regel` and `pruefung` and a precise applicant
vocabulary; files in the first layout are still read (old applicant words translated, the three columns
left as they are). Deadlines come from `frist_regel` (einmalig, aufrufe) or, without one, from the dates
in `antragsfrist`.

The shipped list (`by=None`) keeps the platform's edits: each programme remembers the values the last
shipped import wrote (`shipped_values`); a field whose value differs from them was changed on the
platform since and is left as it is (ADR 0011). An upload by a person writes what the file says.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from smartregion.core.csvio import ImportCounts, ImportRejected, RowError, missing_data_rows, read_rows
from smartregion.core.freshness import bulk_written
from smartregion.core.rowcheck import field_errors
from smartregion.core.weburl import is_web_url
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from . import deadline_rules
from .enums import LEGACY_APPLICANTS, Applicant, FundingKind, Level, ProgrammeStatus, Stacking, applicant_groups
from .models import FundingProgramme
from .services import sync_deadlines

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "foerderprogramme-v2.csv"
REQUIRED = ["id", "name", "ebene", "status"]
COLUMNS = [
    "id", "name", "kurzname", "ebene", "land_code", "traeger", "projekttraeger", "antragsberechtigt",
    "einwohner_min", "einwohner_max", "handlungsfelder", "foerderart", "foerderart_typ", "foerderquote_max_prozent",
    "foerderbetrag_max_eur", "kumulierbar", "laufzeit_von", "laufzeit_bis", "antragsfrist", "frist_regel", "status",
    "kurzbeschreibung", "url", "quelle", "stand", "pruefung",
]  # fmt: skip
# Columns of the second version: a file without one leaves its field as it is (a new programme: empty).
OPTIONAL_COLUMNS = {"foerderart_typ": "funding_kind", "frist_regel": "deadline_rule", "pruefung": "audit_note"}
ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
COLUMN_OF_FIELD = {
    "code": "id", "name": "name", "short_name": "kurzname", "level": "ebene", "provider": "traeger",
    "project_agency": "projekttraeger", "applicants": "antragsberechtigt", "population_min": "einwohner_min",
    "population_max": "einwohner_max", "funding_type": "foerderart", "max_rate_percent": "foerderquote_max_prozent",
    "max_amount_eur": "foerderbetrag_max_eur", "stacking": "kumulierbar", "stacking_note": "kumulierbar",
    "valid_from": "laufzeit_von", "valid_until": "laufzeit_bis", "deadline_text": "antragsfrist", "status": "status",
    "description": "kurzbeschreibung", "url": "url", "sources": "quelle", "as_of": "stand",
    "funding_kind": "foerderart_typ", "deadline_rule": "frist_regel", "audit_note": "pruefung",
}  # fmt: skip
MISSING = object()


class FundingImportError(ImportRejected):
    pass


@dataclass
class FundingImportCounts(ImportCounts):
    kept: list = field(default_factory=list)  # (code, field) the shipped import left as the platform changed it

    def summary(self) -> str:
        text = super().summary()
        if self.kept:
            text += f", {len(self.kept)} fields kept as edited on the platform"
        return text


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
            if applicant not in Applicant.values and applicant not in LEGACY_APPLICANTS:
                row_errors.append(RowError(line, f"Unbekannte Gruppe „{applicant}“.", "antragsberechtigt"))
        applicants = applicant_groups(applicants)
        kind = (row.get("foerderart_typ") or "").strip()
        if kind and kind not in FundingKind.values:
            allowed = ", ".join(FundingKind.values)
            row_errors.append(RowError(line, f"Unbekannte Art der Förderung „{kind}“ ({allowed}).", "foerderart_typ"))
        rule_text = (row.get("frist_regel") or "").strip()
        try:
            deadline_rules.parse(rule_text)
        except deadline_rules.InvalidRule as error:
            row_errors.append(RowError(line, str(error), "frist_regel"))
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
        url = (row.get("url") or "").strip()
        if url and not is_web_url(url):
            row_errors.append(RowError(line, f"„{url[:60]}“ ist keine Web-Adresse (http, https, mailto).", "url"))
        sources = (row.get("quelle") or "").strip()
        for source in (part.strip() for part in sources.split(" | ")):
            if source and not is_web_url(source):
                row_errors.append(
                    RowError(line, f"„{source[:60]}“ ist keine Web-Adresse (http, https, mailto).", "quelle")
                )
        if row_errors:
            errors += row_errors
            continue
        stacking_text = (row.get("kumulierbar") or "").strip()
        stacking = next((value for value in Stacking.values if stacking_text.startswith(value)), Stacking.UNKNOWN)
        entry = {
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
                "url": url,
                "sources": sources,
                "as_of": dates["stand"],
                **{name: (row.get(column) or "").strip() for column, name in OPTIONAL_COLUMNS.items() if column in row},
            },
            "domains": [domains[_label_key(label)] for label in field_labels],
        }
        column_errors = field_errors(
            FundingProgramme, {"code": code, **entry["values"]}, line=line, columns=COLUMN_OF_FIELD
        )
        if column_errors:
            errors += column_errors
            continue
        cleaned.append(entry)
    return cleaned, errors


def _json(value):
    """A value as `shipped_values` keeps it (dates as ISO text, a Land as its key)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Territory):
        return value.ars
    return value


def _shipped_form(values: dict, domain_keys) -> dict:
    return {**{name: _json(value) for name, value in values.items()}, "domains": sorted(domain_keys)}


def _current_form(programme, names) -> dict:
    current = {name: _json(getattr(programme, name)) for name in names if name != "land"}
    if "land" in names:
        current["land"] = programme.land.ars if programme.land_id else None
    current["domains"] = sorted(domain.key for domain in programme.domains.all())
    return current


def _merge_shipped(programme, entry, result) -> tuple[dict, list | None]:
    """What a shipped import writes into an existing programme: every field the platform has not changed
    since the last shipped import (its value still equals `shipped_values`); the others stay, and are
    listed in `result.kept`. Returns (field values to write, Handlungsfelder to set or None)."""
    values, domains = entry["values"], entry["domains"]
    base = programme.shipped_values or {}
    new = _shipped_form(values, (domain.key for domain in domains))
    current = _current_form(programme, list(values))
    write, write_domains = {}, None
    for name in [*values, "domains"]:
        if current[name] == new[name]:
            continue
        if base.get(name, MISSING) != current[name]:
            result.kept.append((programme.code, name))
            continue
        if name == "domains":
            write_domains = domains
        else:
            write[name] = values[name]
    return write, write_domains


@transaction.atomic
def import_programmes(source=SHIPPED_FILE, *, by=None, file_name: str = "") -> FundingImportCounts:
    """Import CSV or XLSX (by file name) in the column layout of the shipped list; all or nothing.

    `by=None` is the shipped list: it keeps the platform's edits (see the module's text)."""
    rows, read_errors = read_rows(source, file_name=file_name)
    if read_errors:
        raise FundingImportError(read_errors)
    if not rows:
        raise FundingImportError(missing_data_rows(rows))
    missing = [column for column in REQUIRED if column not in rows[0][1]]
    if missing:
        raise FundingImportError([RowError(1, f"Spalte fehlt: {', '.join(missing)}")])
    cleaned, errors = validate(rows)
    existing = {
        programme.code: programme
        for programme in FundingProgramme.all_objects.select_related("land").prefetch_related("domains")
    }
    if by is not None:
        errors = sorted(errors + _refusals(rows, cleaned, existing, by), key=lambda error: (error.line, error.column))
    if errors:
        raise FundingImportError(errors)
    result = FundingImportCounts()
    for entry in cleaned:
        programme = existing.get(entry["code"])
        if programme is not None and programme.is_deleted:
            result.unchanged += 1  # the shipped list (by=None): a programme deleted on the platform stays deleted
            continue
        shipped = _shipped_form(entry["values"], (domain.key for domain in entry["domains"]))
        if programme is None:
            programme = FundingProgramme(code=entry["code"], **entry["values"])
            if by is None:
                programme.shipped_values = shipped
            programme._history_user = by
            programme.save()
            programme.domains.set(entry["domains"])
            sync_deadlines(programme)
            result.created += 1
            continue
        if by is None:
            write, domains = _merge_shipped(programme, entry, result)
        else:
            current = _current_form(programme, list(entry["values"]))
            new = {**shipped, **{name: _json(value) for name, value in entry["values"].items()}}
            write = {name: value for name, value in entry["values"].items() if current[name] != new[name]}
            domains = entry["domains"] if current["domains"] != shipped["domains"] else None
        if write or domains is not None:
            for name, value in write.items():
                setattr(programme, name, value)
            if by is None:
                programme.shipped_values = shipped
            programme.revision += 1
            programme._history_user = by
            programme.save()
            if domains is not None:
                programme.domains.set(domains)
            result.updated += 1
        else:
            if by is None and programme.shipped_values != shipped:
                # Only the list's base moved (a field the platform changed): no edit of the programme.
                FundingProgramme.all_objects.filter(pk=programme.pk).update(shipped_values=shipped)
                bulk_written(FundingProgramme)
            result.unchanged += 1
        sync_deadlines(programme)
    return result


def _refusals(rows, cleaned, existing, user) -> list[RowError]:
    """Why `user` may not write these rows: the programme pages' rules (`funding.change_programme` for the
    programme a row names, `funding.import_programmes` for a new one). A deleted programme is never written."""
    lines = {(row.get("id") or "").strip(): line for line, row in rows}
    refusals = []
    for entry in cleaned:
        code, programme = entry["code"], existing.get(entry["code"])
        if programme is None:
            if not user.has_perm("funding.import_programmes"):
                refusals.append(RowError(lines[code], "Sie dürfen keine Förderprogramme anlegen.", "id"))
        elif not user.has_perm("funding.change_programme", programme):
            refusals.append(RowError(lines[code], f"Sie dürfen das Programm {code} nicht ändern.", "id"))
        elif programme.is_deleted:
            message = f"Das Programm {code} wurde gelöscht; ein Import stellt es nicht wieder her."
            refusals.append(RowError(lines[code], message, "id"))
    return refusals
