"""Territories of other Länder for funding tests: the test world holds the register of Bayern and Thüringen only,
the programme list covers every Land. Rows of the real register are added as a partial import (nothing else
changes, the test's transaction rolls them back)."""

import csv
import io
from functools import cache

from smartregion.territories.importer import import_register
from smartregion.territories.models import Territory
from smartregion.territories.services import create_alliance

from ..conftest import REGISTER_FILE

ALL_LANDS = [f"{number:02d}" for number in range(1, 17)]
# Alliances the labelled pairs name (verbund:<key>): type and members by ARS.
ALLIANCES = {
    "ile-landsberg": ("ILE Denklingen und Dießen", "ile", ["091810113113", "091810114114"]),
    "zv-soemmerda": ("Zweckverband Sprötau und Alperstedt", "zweckverband", ["160685012052", "160685012001"]),
}


@cache
def _register() -> tuple[list[str], tuple[dict, ...]]:
    with REGISTER_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), tuple(reader)


def _row_for(key: str) -> dict:
    """A register row that brings the territory with this key (ARS of a Land, Regierungsbezirk, Kreis,
    Gemeindeverband or Gemeinde) into the database."""
    _header, rows = _register()
    for row in rows:
        if key in (row["ars"], row["gemeindeverband_ars"], row["kreis_ags"], row["regbez_code"], row["land_code"]):
            return row
    raise LookupError(key)


def add_territories(keys) -> None:
    """The territories with these keys that are not in the database yet, from the real register."""
    loaded = set(Territory.objects.filter(ars__in=list(keys)).values_list("ars", flat=True))
    rows = {}
    for key in keys:
        if key in loaded:
            continue
        row = _row_for(key)
        rows[row["ars"]] = row
    if not rows:
        return
    header, _rows = _register()
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows.values())
    import_register(output.getvalue().encode(), file_name="test-extra-territories.csv", partial=True)


def add_all_lands() -> None:
    """One Gemeinde of every Land not loaded yet, so that every Land programme finds its Land."""
    add_territories(ALL_LANDS)


def territory(key: str) -> Territory:
    """A territory by ARS, or an alliance of the labelled pairs (verbund:<key>), made on first use."""
    if key.startswith("verbund:"):
        name, alliance_type, members = ALLIANCES[key.removeprefix("verbund:")]
        existing = Territory.objects.filter(kind="alliance", name=name).first()
        if existing is not None:
            return existing
        return create_alliance(
            name=name,
            alliance_type=alliance_type,
            members=[Territory.objects.get(ars=ars) for ars in members],
            by=None,
        )
    return Territory.objects.get(ars=key)
