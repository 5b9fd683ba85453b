"""Loading the Smart-Region-Matrix from its versioned file, and mapping levels between versions.

A version's cell texts are composed from the dimension's ladder and the Handlungsfeld's examples
when the file is read (see the file's note) and stored with a checksum. A version that an
assessment uses is frozen: loading a file whose composed content differs is refused.

A newer version lists in "mapping" how its cells draw on the previous version's cells
({"domain/dimension": [["old-domain/old-dimension", weight], ...]}); a cell without an entry maps to
the cell with the same key. `carry_levels` uses that to express an older assessment's levels in a
newer version, so scores stay comparable across cycles.
"""

import hashlib
import json
from pathlib import Path

from django.db import transaction

from smartregion.core.freshness import bulk_written
from smartregion.taxonomy.models import Domain

from .models import Assessment, Cell, CellMapping, Dimension, MatrixVersion

DATA_DIRECTORY = Path(__file__).resolve().parent / "data"


class MatrixFileError(Exception):
    pass


def _compose(data: dict, domains: dict) -> dict:
    """{(domain key, dimension key): (descriptors_de, descriptors_en)} for every cell of the file."""
    cells = {}
    for domain_key, by_dimension in data["examples"].items():
        if domain_key not in domains:
            raise MatrixFileError(f"unknown Handlungsfeld {domain_key!r}")
        domain = domains[domain_key]
        for dimension in data["dimensions"]:
            example = by_dimension.get(dimension["key"])
            if example is None:
                raise MatrixFileError(f"no examples for {domain_key}/{dimension['key']}")
            german = [text.format(feld=domain.label_de, beispiel=example["de"]) for text in dimension["ladder_de"]]
            english = [text.format(feld=domain.label_en, beispiel=example["en"]) for text in dimension["ladder_en"]]
            if len(german) != len(data["levels"]) or len(english) != len(data["levels"]):
                raise MatrixFileError(f"{domain_key}/{dimension['key']}: one descriptor per level needed")
            cells[(domain_key, dimension["key"])] = (german, english)
    return cells


def _checksum(data: dict, cells: dict) -> str:
    payload = {
        "levels": data["levels"],
        "dimensions": [[d["key"], d["label_de"], d["label_en"]] for d in data["dimensions"]],
        "cells": sorted([f"{k[0]}/{k[1]}", de, en] for k, (de, en) in cells.items()),
        "mapping": data.get("mapping", {}),
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def latest_file() -> Path:
    return max(DATA_DIRECTORY.glob("matrix-v*.json"), key=lambda path: int(path.stem.rsplit("v", 1)[1]))


@transaction.atomic
def load_matrix(path: Path | None = None) -> tuple[MatrixVersion, bool]:
    """Load a matrix file; returns (version, changed). Idempotent; frozen once used."""
    data = json.loads(Path(path or latest_file()).read_text(encoding="utf-8"))
    domains = {domain.key: domain for domain in Domain.objects.all()}
    cells = _compose(data, domains)
    checksum = _checksum(data, cells)
    matrix = MatrixVersion.objects.filter(version=data["version"]).first()
    if matrix is not None and matrix.checksum == checksum:
        return matrix, False
    if matrix is not None and Assessment.all_objects.filter(matrix=matrix).exists():
        raise MatrixFileError(
            f"Matrix version {matrix.version} is used by assessments and cannot change; publish a new version."
        )
    previous = None
    if data.get("previous"):
        previous = MatrixVersion.objects.filter(version=data["previous"]).first()
        if previous is None:
            raise MatrixFileError(f"previous version {data['previous']} is not loaded")
    values = {
        "title_de": data["title_de"],
        "title_en": data["title_en"],
        "note_de": data.get("note_de", ""),
        "note_en": data.get("note_en", ""),
        "levels": data["levels"],
        "previous": previous,
        "checksum": checksum,
    }
    if matrix is None:
        matrix = MatrixVersion.objects.create(version=data["version"], **values)
    else:
        for name, value in values.items():
            setattr(matrix, name, value)
        matrix.save()
        matrix.cells.all().delete()
        matrix.dimensions.all().delete()
    dimensions = {}
    for position, entry in enumerate(data["dimensions"], start=1):
        dimensions[entry["key"]] = Dimension.objects.create(
            matrix=matrix,
            key=entry["key"],
            position=position,
            label_de=entry["label_de"],
            label_en=entry["label_en"],
            description_de=entry.get("description_de", ""),
            description_en=entry.get("description_en", ""),
        )
    Cell.objects.bulk_create(
        [
            Cell(
                matrix=matrix,
                domain=domains[domain_key],
                dimension=dimensions[dimension_key],
                descriptors_de=german,
                descriptors_en=english,
            )
            for (domain_key, dimension_key), (german, english) in cells.items()
        ]
    )
    if previous is not None:
        _create_mapping(matrix, previous, data.get("mapping", {}))
    bulk_written(Cell, CellMapping)
    return matrix, True


def _create_mapping(matrix, previous, mapping: dict) -> None:
    old = {cell.key: cell for cell in previous.cells.select_related("domain", "dimension")}
    rows = []
    for cell in Cell.objects.filter(matrix=matrix).select_related("domain", "dimension"):
        sources = mapping.get(cell.key)
        if sources is None:
            sources = [[cell.key, 1.0]] if cell.key in old else []
        total = sum(weight for _key, weight in sources) or 1.0
        for key, weight in sources:
            if key not in old:
                raise MatrixFileError(f"mapping of {cell.key}: {key} is not a cell of version {previous.version}")
            rows.append(CellMapping(cell=cell, source=old[key], weight=weight / total))
    CellMapping.objects.bulk_create(rows)


def current_matrix() -> MatrixVersion | None:
    return MatrixVersion.objects.order_by("-id").first()


def carry_levels(levels: dict[int, float | None], source: MatrixVersion, target: MatrixVersion) -> dict[int, float]:
    """Levels by cell id of `source` expressed in `target` (following the chain of versions).

    A target cell gets the weighted mean of its sources' levels; sources that were "not relevant"
    (None) drop out and the remaining weights are renormalised. Cells with no source are left out.
    """
    chain = []
    version = target
    while version is not None and version.pk != source.pk:
        chain.append(version)
        version = version.previous
    if version is None:
        raise MatrixFileError(f"version {target.version} does not descend from {source.version}")
    current = {cell_id: level for cell_id, level in levels.items() if level is not None}
    for version in reversed(chain):
        mapped: dict[int, list] = {}
        for cell_id, source_id, weight in CellMapping.objects.filter(cell__matrix=version).values_list(
            "cell_id", "source_id", "weight"
        ):
            if source_id in current:
                mapped.setdefault(cell_id, []).append((current[source_id], weight))
        current = {
            cell_id: sum(level * weight for level, weight in pairs) / sum(weight for _level, weight in pairs)
            for cell_id, pairs in mapped.items()
        }
    return current
