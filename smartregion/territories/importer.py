"""Import of the Destatis municipality register (GV-ISys) into `Territory` rows.

The register file has one row per Gemeinde (and gemeindefreies Gebiet) with its whole hierarchy
joined on; Länder, Regierungsbezirke, Kreise and Gemeindeverbände are derived from it, with
population and area summed and a centre averaged (weighted by area) from their Gemeinden.

The import is all-or-nothing: every row is validated first and any error aborts before writing.
It is idempotent (a second run changes nothing) and handles a newer register: territories are
matched by ARS, renamed ones are updated (the old name stays in their history), vanished ones are
marked inactive, never deleted.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from smartregion.core.csvio import RowError, parse_decimal, read_table

from .enums import REGISTER_KINDS, SizeClass, TerritoryKind
from .models import RegisterImport, Territory
from .search import normalize, short_name

REQUIRED_COLUMNS = [
    "ars",
    "ags",
    "name",
    "type_code",
    "type",
    "is_gemeinde",
    "gemeindeverband_ars",
    "gemeindeverband_name",
    "gemeindeverband_type",
    "kreis_ags",
    "kreis_name",
    "kreis_type",
    "regbez_code",
    "regbez_name",
    "land_code",
    "land_name",
    "area_km2",
    "population",
    "density_per_km2",
    "plz_seat",
    "lon",
    "lat",
    "urbanisation_code",
]
CENSUS_COLUMNS = ["ars", "population_zensus_2022"]
GEMEINDE_TYPE_CODES = {"60", "61", "62", "63", "64", "65", "66", "67"}
GEMEINDEFREI_TYPE_CODES = {"66", "67"}
NOT_A_VERBAND = {"", "Verbandsfreie Gemeinde"}
KREIS_TYPE_CODES = {
    "Kreisfreie Stadt": "41",
    "Stadtkreis": "42",
    "Kreis": "43",
    "Landkreis": "44",
    "Regionalverband": "45",
}
LEVEL_ORDER = [
    TerritoryKind.LAND,
    TerritoryKind.REGBEZ,
    TerritoryKind.KREIS,
    TerritoryKind.VERBAND,
    TerritoryKind.GEMEINDE,
    TerritoryKind.GEMEINDEFREI,
]

# Fields the import owns; a difference in any of them counts as an update.
COMPARED_FIELDS = [
    "code",
    "ags",
    "name",
    "short_name",
    "search_name",
    "kind",
    "type_code",
    "type_label",
    "population",
    "population_census_2022",
    "area_km2",
    "density",
    "urbanisation",
    "size_class",
    "latitude",
    "longitude",
    "postcode",
    "is_active",
    "parent_id",
    "land_id",
    "regbez_id",
    "kreis_id",
    "verband_id",
]
DIGITS = re.compile(r"^\d+$")
# bulk_update builds one CASE per field over the batch: small batches keep that linear.
UPDATE_BATCH_SIZE = 50
MAX_VANISHED_SHARE = 0.05


class RegisterImportError(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} Fehler in der Registerdatei")


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    unchanged: int = 0
    counts_by_kind: dict = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{self.rows} rows read: {self.created} created, {self.updated} updated, "
            f"{self.deactivated} deactivated, {self.unchanged} unchanged"
        )


def as_of_from_file_name(path) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", Path(str(path)).name)
    return date(int(match[1]), int(match[2]), int(match[3])) if match else None


# --- Validation -------------------------------------------------------------------------------


def _check_columns(header, required) -> list[RowError]:
    return [RowError(1, "Pflichtspalte fehlt.", column) for column in required if column not in header]


def _number(row, column, line, errors, *, german, required=True, integer=False):
    value = row.get(column, "")
    if not value:
        if required:
            errors.append(RowError(line, "Wert fehlt.", column))
        return None
    try:
        number = parse_decimal(value, german=german)
    except ValueError as error:
        errors.append(RowError(line, str(error), column))
        return None
    if number < 0:
        errors.append(RowError(line, "darf nicht negativ sein.", column))
        return None
    if integer:
        if number != number.to_integral_value():
            errors.append(RowError(line, f"„{value}“ ist keine ganze Zahl.", column))
            return None
        return int(number)
    return float(number)


def _key(row, column, length, line, errors, *, required=True):
    value = row.get(column, "")
    if not value and not required:
        return ""
    if not (len(value) == length and DIGITS.match(value)):
        errors.append(RowError(line, f"„{value}“ ist kein gültiger Schlüssel ({length} Ziffern).", column))
        return None
    return value


def validate_register_row(line: int, row: dict, *, german: bool) -> tuple[dict | None, list[RowError]]:
    errors: list[RowError] = []
    ars = _key(row, "ars", 12, line, errors)
    ags = _key(row, "ags", 8, line, errors)
    land_code = _key(row, "land_code", 2, line, errors)
    kreis_ags = _key(row, "kreis_ags", 5, line, errors)
    regbez_code = _key(row, "regbez_code", 3, line, errors, required=False)
    verband_ars = _key(row, "gemeindeverband_ars", 9, line, errors, required=False)
    for column in ("name", "land_name"):
        if not row.get(column):
            errors.append(RowError(line, "Wert fehlt.", column))
    type_code = row.get("type_code", "")
    if type_code not in GEMEINDE_TYPE_CODES:
        errors.append(RowError(line, f"unbekanntes Textkennzeichen „{type_code}“.", "type_code"))
    is_gemeinde = row.get("is_gemeinde", "").lower()
    if is_gemeinde not in {"true", "false", "1", "0", "ja", "nein"}:
        errors.append(
            RowError(line, f"„{row.get('is_gemeinde', '')}“ ist kein Wahrheitswert (true/false).", "is_gemeinde")
        )
    is_gemeinde = is_gemeinde in {"true", "1", "ja"}
    if ars and ags and ars[:5] + ars[9:] != ags:
        errors.append(RowError(line, f"AGS {ags} passt nicht zum ARS {ars}.", "ags"))
    if ars and land_code and not ars.startswith(land_code):
        errors.append(RowError(line, f"ARS {ars} liegt nicht im Land {land_code}.", "land_code"))
    if ars and kreis_ags and not ars.startswith(kreis_ags):
        errors.append(RowError(line, f"ARS {ars} liegt nicht im Kreis {kreis_ags}.", "kreis_ags"))
    if regbez_code and not row.get("regbez_name"):
        errors.append(RowError(line, "Wert fehlt.", "regbez_name"))
    verband_type = row.get("gemeindeverband_type", "")
    if verband_type not in NOT_A_VERBAND and not verband_ars:
        errors.append(RowError(line, "Wert fehlt.", "gemeindeverband_ars"))
    if row.get("kreis_name") and row.get("kreis_type", "") not in KREIS_TYPE_CODES:
        errors.append(RowError(line, f"unbekannte Kreisart „{row.get('kreis_type', '')}“.", "kreis_type"))

    area = _number(row, "area_km2", line, errors, german=german)
    population = _number(row, "population", line, errors, german=german, integer=True)
    density = _number(row, "density_per_km2", line, errors, german=german, required=False)
    longitude = _number(row, "lon", line, errors, german=german, required=is_gemeinde)
    latitude = _number(row, "lat", line, errors, german=german, required=is_gemeinde)
    if latitude is not None and longitude is not None:
        if latitude == 0 and longitude == 0:
            latitude = longitude = None
        elif not (47 <= latitude <= 55.5 and 5.5 <= longitude <= 15.5):
            errors.append(RowError(line, f"Koordinate {latitude}, {longitude} liegt nicht in Deutschland.", "lat"))
    urbanisation = row.get("urbanisation_code", "")
    if urbanisation and urbanisation.lstrip("0") not in {"1", "2", "3"}:
        errors.append(RowError(line, f"unbekannter Grad der Verstädterung „{urbanisation}“.", "urbanisation_code"))
    postcode = row.get("plz_seat", "")
    if postcode and not (len(postcode) == 5 and DIGITS.match(postcode)):
        errors.append(RowError(line, f"„{postcode}“ ist keine Postleitzahl.", "plz_seat"))
    if errors:
        return None, errors
    return {
        "line": line,
        "ars": ars,
        "ags": ags,
        "name": row["name"],
        "type_code": type_code,
        "type_label": row.get("type", ""),
        "is_gemeinde": is_gemeinde,
        "verband_ars": verband_ars if verband_type not in NOT_A_VERBAND else "",
        "verband_name": row.get("gemeindeverband_name", ""),
        "verband_type": verband_type,
        "kreis_ags": kreis_ags if row.get("kreis_name") else "",
        "kreis_name": row.get("kreis_name", ""),
        "kreis_type": row.get("kreis_type", ""),
        "regbez_code": regbez_code,
        "regbez_name": row.get("regbez_name", ""),
        "land_code": land_code,
        "land_name": row["land_name"],
        "area_km2": area,
        "population": population,
        "density": density,
        "latitude": latitude,
        "longitude": longitude,
        "postcode": postcode,
        "urbanisation": int(urbanisation) if urbanisation else None,
    }, []


def read_census(source) -> tuple[dict[str, int], list[RowError]]:
    table = read_table(source)
    errors = list(table.errors) + _check_columns(table.header, CENSUS_COLUMNS)
    if errors:
        return {}, errors
    census: dict[str, int] = {}
    for line, row in table.rows:
        row_errors: list[RowError] = []
        ars = _key(row, "ars", 12, line, row_errors)
        population = _number(row, "population_zensus_2022", line, row_errors, german=table.german_numbers, integer=True)
        if not row_errors:
            census[ars] = population
        errors.extend(row_errors)
    return census, errors


def read_register(source) -> tuple[list[dict], list[RowError]]:
    table = read_table(source)
    errors = list(table.errors) + _check_columns(table.header, REQUIRED_COLUMNS)
    if _check_columns(table.header, REQUIRED_COLUMNS):
        return [], errors
    records: list[dict] = []
    first_line_of_ars: dict[str, int] = {}
    for line, row in table.rows:
        ars = row.get("ars", "")
        if ars and ars in first_line_of_ars:
            errors.append(RowError(line, f"ARS {ars} steht bereits in Zeile {first_line_of_ars[ars]}.", "ars"))
            continue
        first_line_of_ars.setdefault(ars, line)
        record, row_errors = validate_register_row(line, row, german=table.german_numbers)
        errors.extend(row_errors)
        if record is not None:
            records.append(record)
    if not table.rows and not errors:
        errors.append(RowError(2, "Die Datei enthält keine Datenzeilen."))
    errors.extend(_check_consistency(records))
    return records, sorted(errors, key=lambda error: (error.line, error.column))


def _check_consistency(records: list[dict]) -> list[RowError]:
    """A Kreis, Regierungsbezirk, Land or Gemeindeverband must have one name throughout the file."""
    errors = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for record in records:
        for level, key, name in (
            ("land_name", record["land_code"], record["land_name"]),
            ("regbez_name", record["regbez_code"], record["regbez_name"]),
            ("kreis_name", record["kreis_ags"], record["kreis_name"]),
            ("gemeindeverband_name", record["verband_ars"], record["verband_name"]),
        ):
            if not key:
                continue
            previous = seen.setdefault((level, key), (name, record["line"]))
            if previous[0] != name:
                errors.append(
                    RowError(
                        record["line"],
                        f"„{name}“ widerspricht „{previous[0]}“ (Zeile {previous[1]}) für Schlüssel {key}.",
                        level,
                    )
                )
    return errors


# --- Building the desired state ---------------------------------------------------------------


def _territory_values(*, ars, ags, name, kind, type_code="", type_label="", parent_ars=None, ancestors=None):
    return {
        "ars": ars,
        "code": ars,
        "ags": ags,
        "name": name,
        "short_name": short_name(name),
        "search_name": normalize(short_name(name)),
        "kind": kind,
        "type_code": type_code,
        "type_label": type_label,
        "parent_ars": parent_ars,
        "ancestors": ancestors or {},
        "population": 0,
        "population_census_2022": None,
        "area_km2": 0.0,
        "density": None,
        "urbanisation": None,
        "size_class": "",
        "latitude": None,
        "longitude": None,
        "postcode": "",
        "is_active": True,
    }


def build_desired_state(records: list[dict], census: dict[str, int]) -> dict[str, dict]:
    desired: dict[str, dict] = {}
    centre_sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for record in records:
        land = record["land_code"]
        regbez = record["regbez_code"]
        kreis = record["kreis_ags"]
        verband = record["verband_ars"]
        desired.setdefault(
            land,
            _territory_values(ars=land, ags=land, name=record["land_name"], kind=TerritoryKind.LAND, type_label="Land"),
        )
        if regbez:
            desired.setdefault(
                regbez,
                _territory_values(
                    ars=regbez,
                    ags=regbez,
                    name=record["regbez_name"],
                    kind=TerritoryKind.REGBEZ,
                    type_label=_regbez_label(record["regbez_name"]),
                    parent_ars=land,
                    ancestors={"land": land},
                ),
            )
        if kreis:
            desired.setdefault(
                kreis,
                _territory_values(
                    ars=kreis,
                    ags=kreis,
                    name=record["kreis_name"],
                    kind=TerritoryKind.KREIS,
                    type_code=KREIS_TYPE_CODES[record["kreis_type"]],
                    type_label=record["kreis_type"],
                    parent_ars=regbez or land,
                    ancestors={"land": land, "regbez": regbez},
                ),
            )
        if verband:
            desired.setdefault(
                verband,
                _territory_values(
                    ars=verband,
                    ags="",
                    name=record["verband_name"],
                    kind=TerritoryKind.VERBAND,
                    type_label=record["verband_type"],
                    parent_ars=kreis or land,
                    ancestors={"land": land, "regbez": regbez, "kreis": kreis},
                ),
            )
        kind = TerritoryKind.GEMEINDE if record["is_gemeinde"] else TerritoryKind.GEMEINDEFREI
        values = _territory_values(
            ars=record["ars"],
            ags=record["ags"],
            name=record["name"],
            kind=kind,
            type_code=record["type_code"],
            type_label=record["type_label"],
            parent_ars=verband or kreis or land,
            ancestors={"land": land, "regbez": regbez, "kreis": kreis, "verband": verband},
        )
        values.update(
            population=record["population"],
            population_census_2022=census.get(record["ars"]),
            area_km2=record["area_km2"],
            density=record["density"],
            urbanisation=record["urbanisation"],
            latitude=record["latitude"],
            longitude=record["longitude"],
            postcode=record["postcode"],
            size_class=SizeClass.for_population(record["population"]) if kind == TerritoryKind.GEMEINDE else "",
        )
        desired[record["ars"]] = values
        for ancestor in (land, regbez, kreis, verband):
            if not ancestor:
                continue
            aggregate = desired[ancestor]
            aggregate["population"] += record["population"]
            aggregate["area_km2"] += record["area_km2"]
            if values["population_census_2022"] is not None:
                aggregate["population_census_2022"] = (aggregate["population_census_2022"] or 0) + values[
                    "population_census_2022"
                ]
            if record["latitude"] is not None and record["area_km2"]:
                sums = centre_sums[ancestor]
                sums[0] += record["latitude"] * record["area_km2"]
                sums[1] += record["longitude"] * record["area_km2"]
                sums[2] += record["area_km2"]
    for ars, values in desired.items():
        if values["kind"] in (TerritoryKind.GEMEINDE, TerritoryKind.GEMEINDEFREI):
            continue
        values["area_km2"] = round(values["area_km2"], 2)
        if values["area_km2"]:
            values["density"] = round(values["population"] / values["area_km2"], 1)
        sums = centre_sums.get(ars)
        if sums and sums[2]:
            values["latitude"] = round(sums[0] / sums[2], 6)
            values["longitude"] = round(sums[1] / sums[2], 6)
    return desired


def _regbez_label(name: str) -> str:
    if name.startswith("Statistische Region"):
        return "Statistische Region"
    if name.startswith("früher"):
        return "ehemaliger Regierungsbezirk"
    return "Regierungsbezirk"


# --- Writing ----------------------------------------------------------------------------------


def import_register(
    source, *, census_source=None, as_of: date | None = None, file_name: str = "", partial: bool = False
) -> ImportResult:
    """Validate the whole file, then bring the database to the file's state in one transaction.

    Raises RegisterImportError (with every problem and its line number) before writing anything.
    A file is taken as the whole register: territories missing from it are marked inactive. If
    that would deactivate more than MAX_VANISHED_SHARE of them, the file is probably an extract and
    the import is refused, unless `partial=True`, which updates and creates but deactivates nothing.
    """
    records, errors = read_register(source)
    census: dict[str, int] = {}
    if census_source is not None:
        census, census_errors = read_census(census_source)
        errors.extend(census_errors)
    if errors:
        raise RegisterImportError(errors)
    desired = build_desired_state(records, census)
    result = ImportResult(rows=len(records))
    with transaction.atomic():
        existing = {territory.ars: territory for territory in Territory.all_objects.filter(kind__in=REGISTER_KINDS)}
        id_by_ars = {ars: territory.pk for ars, territory in existing.items()}
        for kind in LEVEL_ORDER:
            level = [values for values in desired.values() if values["kind"] == kind]
            to_create, to_update = [], []
            for values in level:
                fields = _resolve_fields(values, id_by_ars)
                territory = existing.get(values["ars"])
                if territory is None:
                    to_create.append(Territory(ars=values["ars"], **fields))
                    continue
                changed = [name for name in COMPARED_FIELDS if getattr(territory, name) != fields[name]]
                if territory.deleted_at is not None:
                    territory.deleted_at = None
                    changed.append("deleted_at")
                if changed:
                    for name in COMPARED_FIELDS:
                        setattr(territory, name, fields[name])
                    to_update.append(territory)
            if to_create:
                bulk_create_with_history(to_create, Territory, batch_size=1000, default_change_reason="Registerimport")
                for territory in to_create:
                    if territory.pk is None:  # databases that do not return keys from bulk inserts
                        territory.pk = Territory.all_objects.get(ars=territory.ars).pk
                    id_by_ars[territory.ars] = territory.pk
            if to_update:
                bulk_update_with_history(
                    to_update,
                    Territory,
                    COMPARED_FIELDS + ["deleted_at"],
                    batch_size=UPDATE_BATCH_SIZE,
                    default_change_reason="Registerimport",
                    manager=Territory.all_objects,
                )
            result.created += len(to_create)
            result.updated += len(to_update)
            result.counts_by_kind[kind] = len(level)
        vanished = [] if partial else [t for ars, t in existing.items() if ars not in desired and t.is_active]
        if len(vanished) > MAX_VANISHED_SHARE * len(existing) and len(existing) > 100:
            raise RegisterImportError(
                [
                    RowError(
                        1,
                        f"Die Datei würde {len(vanished)} von {len(existing)} Gebietskörperschaften als aufgelöst "
                        "markieren. Ist sie nur ein Auszug? Dann mit --partial einlesen.",
                    )
                ]
            )
        for territory in vanished:
            territory.is_active = False
        if vanished:
            bulk_update_with_history(
                vanished,
                Territory,
                ["is_active"],
                batch_size=UPDATE_BATCH_SIZE,
                default_change_reason="nicht mehr im Register",
                manager=Territory.all_objects,
            )
        result.deactivated = len(vanished)
        result.unchanged = len(desired) - result.created - result.updated
        RegisterImport.objects.create(
            file_name=file_name or Path(str(getattr(source, "name", source))).name[:255],
            as_of=as_of,
            rows=result.rows,
            created=result.created,
            updated=result.updated,
            deactivated=result.deactivated,
        )
    return result


def _resolve_fields(values: dict, id_by_ars: dict[str, int]) -> dict:
    ancestors = values["ancestors"]
    return {
        **{name: values[name] for name in COMPARED_FIELDS if not name.endswith("_id")},
        "parent_id": id_by_ars.get(values["parent_ars"]) if values["parent_ars"] else None,
        "land_id": id_by_ars.get(ancestors.get("land")) if ancestors.get("land") else None,
        "regbez_id": id_by_ars.get(ancestors.get("regbez")) if ancestors.get("regbez") else None,
        "kreis_id": id_by_ars.get(ancestors.get("kreis")) if ancestors.get("kreis") else None,
        "verband_id": id_by_ars.get(ancestors.get("verband")) if ancestors.get("verband") else None,
    }
