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

from smartregion.core.csvio import ImportRejected, RowError
from smartregion.core.freshness import bulk_written

from .enums import REGISTER_KINDS, SizeClass, TerritoryKind
from .models import RegisterImport, Territory
from .register_file import KREIS_TYPE_CODES, read_census, read_register
from .search import normalize, short_name

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
# bulk_update builds one CASE per field over the batch: small batches keep that linear.
UPDATE_BATCH_SIZE = 50
MAX_VANISHED_SHARE = 0.05


class RegisterImportError(ImportRejected):
    document = "Registerdatei"


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
        if result.created or result.updated or vanished:
            bulk_written(Territory)  # the bulk writes send no signals (core.freshness)
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
