"""Import of offerings from the compiled list's CSV format (data/angebote.csv; German Excel CSV and XLSX
accepted).

Every row is validated first; on any error nothing is written and every error is reported with its line
number. Rows are matched by `id` (ANG-001 …): a second import updates changed rows.

Edits on the platform survive the shipped list: each offering keeps the values the last import of the
shipped list wrote (`shipped_values`). A field whose value differs from them was changed by a person since,
and a later import of the shipped list leaves it as it is (reported in `kept`). An upload by a person
(`by`) is that person's edit: it writes every value of the file and leaves the record of the shipped list.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from smartregion.core.csvio import ImportCounts, ImportRejected, RowError, missing_data_rows, read_rows
from smartregion.core.freshness import bulk_written
from smartregion.core.rowcheck import field_errors
from smartregion.core.weburl import is_web_url
from smartregion.taxonomy.models import Domain

from .enums import Cost, Kind, Land, Level, OfferingStatus, TargetGroup, ordered_groups
from .models import Offering, partial_date_start

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "angebote.csv"
REQUIRED = ["id", "name", "ebene", "art", "status"]
COLUMNS = [
    "id", "name", "kurzname", "anbieter", "ebene", "land_code", "art", "zielgruppe", "kosten", "handlungsfelder",
    "kontakt_url", "kurzbeschreibung", "wie_nutzen", "url", "quelle", "stand", "status",
]  # fmt: skip
COLUMN_OF_FIELD = {
    "code": "id", "name": "name", "short_name": "kurzname", "provider": "anbieter", "level": "ebene",
    "land_code": "land_code", "kind": "art", "target_groups": "zielgruppe", "cost": "kosten",
    "domains": "handlungsfelder", "contact_url": "kontakt_url", "summary": "kurzbeschreibung",
    "how_to_use": "wie_nutzen", "url": "url", "sources": "quelle", "as_of": "stand", "status": "status",
}  # fmt: skip
# What an import writes and a person may change: the shipped list's record covers these.
TRACKED_FIELDS = [name for name in COLUMN_OF_FIELD if name != "code"]
NOT_A_WEB_ADDRESS = "„{value}“ ist keine Web-Adresse (http, https, mailto)."


class OfferingImportError(ImportRejected):
    pass


@dataclass
class OfferingImportCounts(ImportCounts):
    # (code, field name): the file changed a value a person had changed on the platform; the person's stays.
    kept: list = field(default_factory=list)


def _label_key(label: str) -> str:
    """Labels compare without spaces and case ("Land- & Forstwirtschaft/Ländlicher Raum" is the taxonomy's)."""
    return re.sub(r"\s+", "", label).casefold()


def _items(text: str, separator: str = "|") -> list[str]:
    return [item.strip() for item in (text or "").split(separator) if item.strip()]


def _land_code(text: str) -> str:
    """ "09" as written, or "9" from a spreadsheet that dropped the leading zero."""
    text = (text or "").strip()
    return text.zfill(2) if text.isdigit() and len(text) == 1 else text


def _row_errors(line: int, row: dict, domains: dict) -> list[RowError]:
    errors = [
        RowError(line, "Pflichtfeld ist leer.", column) for column in REQUIRED if not (row.get(column) or "").strip()
    ]
    level = (row.get("ebene") or "").strip()
    if level and level not in Level.values:
        errors.append(RowError(line, f"Unbekannte Ebene „{level}“ (Bund, Land, kommunal-gemeinsam).", "ebene"))
    land = _land_code(row.get("land_code"))
    if level == Level.BUND and land:
        errors.append(RowError(line, "Angebote des Bundes haben keinen Landesschlüssel.", "land_code"))
    elif level in (Level.LAND, Level.KOMMUNAL) and land not in Land.values:
        errors.append(RowError(line, "Angebote eines Landes brauchen einen gültigen Landesschlüssel.", "land_code"))
    kind = (row.get("art") or "").strip()
    if kind and kind not in Kind.values:
        errors.append(RowError(line, f"Unbekannte Art „{kind}“.", "art"))
    for group in _items(row.get("zielgruppe")):
        if group not in TargetGroup.values:
            errors.append(RowError(line, f"Unbekannte Zielgruppe „{group}“.", "zielgruppe"))
    cost = (row.get("kosten") or "").strip()
    if cost and cost not in Cost.values:
        errors.append(
            RowError(line, f"Unbekannte Angabe „{cost}“ (kostenfrei, kostenpflichtig, teilweise, unbekannt).", "kosten")
        )
    for label in _items(row.get("handlungsfelder")):
        if _label_key(label) not in domains:
            errors.append(RowError(line, f"Unbekanntes Handlungsfeld „{label}“.", "handlungsfelder"))
    status = (row.get("status") or "").strip()
    if status and status not in OfferingStatus.values:
        errors.append(RowError(line, f"Unbekannter Status „{status}“ (aktiv, eingestellt, unbekannt).", "status"))
    as_of = (row.get("stand") or "").strip()
    if as_of and partial_date_start(as_of) is None:
        errors.append(RowError(line, "Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT angeben.", "stand"))
    for column in ("kontakt_url", "url"):
        value = (row.get(column) or "").strip()
        if value and not is_web_url(value):
            errors.append(RowError(line, NOT_A_WEB_ADDRESS.format(value=value[:60]), column))
    for source in _items(row.get("quelle"), " | "):
        if not is_web_url(source):
            errors.append(RowError(line, NOT_A_WEB_ADDRESS.format(value=source[:60]), "quelle"))
    return errors


def validate(rows) -> tuple[list[dict], list[RowError]]:
    domains = {_label_key(domain.label_de): domain for domain in Domain.objects.all()}
    cleaned, errors, seen = [], [], set()
    for line, row in rows:
        row_errors = _row_errors(line, row, domains)
        code = (row.get("id") or "").strip()
        if code and code in seen:
            row_errors.append(RowError(line, f"Kennung {code} kommt mehrfach vor.", "id"))
        seen.add(code)
        if row_errors:
            errors += row_errors
            continue
        level = row["ebene"].strip()
        values = {
            "name": row["name"].strip(),
            "short_name": (row.get("kurzname") or "").strip(),
            "provider": (row.get("anbieter") or "").strip(),
            "level": level,
            "land_code": "" if level == Level.BUND else _land_code(row.get("land_code")),
            "kind": row["art"].strip(),
            "target_groups": ordered_groups(_items(row.get("zielgruppe"))),
            "cost": (row.get("kosten") or "").strip() or Cost.UNKNOWN,
            "contact_url": (row.get("kontakt_url") or "").strip(),
            "summary": (row.get("kurzbeschreibung") or "").strip(),
            "how_to_use": (row.get("wie_nutzen") or "").strip(),
            "url": (row.get("url") or "").strip(),
            "sources": (row.get("quelle") or "").strip(),
            "as_of": (row.get("stand") or "").strip(),
            "status": row["status"].strip(),
        }
        column_errors = field_errors(Offering, {"code": code, **values}, line=line, columns=COLUMN_OF_FIELD)
        if column_errors:
            errors += column_errors
            continue
        field_domains = [domains[_label_key(label)] for label in _items(row.get("handlungsfelder"))]
        cleaned.append({"code": code, "line": line, "values": values, "domains": list(dict.fromkeys(field_domains))})
    return cleaned, errors


def _state(values: dict, domains) -> dict:
    """An offering's tracked values as the shipped list's record holds them (JSON: Handlungsfelder by key)."""
    return {**values, "domains": sorted(domain.key for domain in domains)}


def _current_state(offering: Offering) -> dict:
    return _state(
        {name: getattr(offering, name) for name in TRACKED_FIELDS if name != "domains"}, offering.domains.all()
    )


@transaction.atomic
def import_offerings(source=SHIPPED_FILE, *, by=None, file_name: str = "") -> OfferingImportCounts:
    """Import CSV or XLSX (by file name) in the column layout of the shipped list; all or nothing.
    `by=None` is the shipped list (setup, `import_offerings`); a person's upload passes `by`."""
    rows, read_errors = read_rows(source, file_name=file_name)
    if read_errors:
        raise OfferingImportError(read_errors)
    if not rows:
        raise OfferingImportError(missing_data_rows(rows))
    missing = [column for column in REQUIRED if column not in rows[0][1]]
    if missing:
        raise OfferingImportError([RowError(1, f"Spalte fehlt: {', '.join(missing)}")])
    cleaned, errors = validate(rows)
    existing = {offering.code: offering for offering in Offering.all_objects.prefetch_related("domains")}
    if by is not None:
        errors += _refusals(cleaned, existing, by)
    if errors:
        raise OfferingImportError(sorted(errors, key=lambda error: (error.line, error.column)))
    result = OfferingImportCounts()
    for entry in cleaned:
        offering = existing.get(entry["code"])
        if offering is not None and offering.is_deleted:
            result.unchanged += 1  # the shipped list (by=None): an offering deleted on the platform stays deleted
            continue
        incoming = _state(entry["values"], entry["domains"])
        if offering is None:
            _create(entry, incoming, by=by)
            result.created += 1
            continue
        wanted = incoming if by is not None else _keeping_edits(offering, incoming, result.kept)
        if _write(offering, wanted, by=by):
            result.updated += 1
        else:
            result.unchanged += 1
        if by is None and offering.shipped_values != incoming:
            Offering.all_objects.filter(pk=offering.pk).update(shipped_values=incoming)
            bulk_written(Offering)
    return result


def _create(entry: dict, incoming: dict, *, by) -> Offering:
    offering = Offering(code=entry["code"], shipped_values=incoming if by is None else {}, **entry["values"])
    offering._history_user = by
    offering.save()
    offering.domains.set(entry["domains"])
    return offering


def _keeping_edits(offering: Offering, incoming: dict, kept: list) -> dict:
    """The file's values, except where a person changed the field since the last import of the shipped list."""
    recorded, current = offering.shipped_values or {}, _current_state(offering)
    wanted = {}
    for name in TRACKED_FIELDS:
        untouched = name in recorded and recorded[name] == current[name]
        if untouched or current[name] == incoming[name]:
            wanted[name] = incoming[name]
        else:
            wanted[name] = current[name]
            if incoming[name] != recorded.get(name):
                kept.append((offering.code, name))  # the file brings a new value that the person's edit outranks
    return wanted


def _write(offering: Offering, wanted: dict, *, by) -> bool:
    """Give `offering` the wanted state; False if it already has it (nothing written)."""
    domains = wanted["domains"]
    changed = {name: value for name, value in wanted.items() if name != "domains" and getattr(offering, name) != value}
    domains_changed = sorted(domain.key for domain in offering.domains.all()) != domains
    if changed:
        for name, value in changed.items():
            setattr(offering, name, value)
        offering.revision += 1
        offering._history_user = by
        offering.save()
    if domains_changed:
        offering.domains.set(Domain.objects.filter(key__in=domains))
    return bool(changed) or domains_changed


def _refusals(cleaned, existing, user) -> list[RowError]:
    """Why `user` may not write these rows: the pages' rules (`offerings.change_offering` for an offering a
    row names, `offerings.add_offering` for a new one). A deleted offering is never written."""
    refusals = []
    for entry in cleaned:
        code, offering, line = entry["code"], existing.get(entry["code"]), entry["line"]
        if offering is None:
            if not user.has_perm("offerings.add_offering"):
                refusals.append(RowError(line, "Sie dürfen keine Angebote anlegen.", "id"))
        elif not user.has_perm("offerings.change_offering", offering):
            refusals.append(RowError(line, f"Sie dürfen das Angebot {code} nicht ändern.", "id"))
        elif offering.is_deleted:
            refusals.append(
                RowError(line, f"Das Angebot {code} wurde gelöscht; ein Import stellt es nicht wieder her.", "id")
            )
    return refusals
