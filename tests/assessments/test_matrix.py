"""The matrix file: loading, freezing once used, and mapping levels between versions."""

import json

import pytest

from smartregion.assessments import matrix as matrix_module
from smartregion.assessments.matrix import MatrixFileError, carry_levels, load_matrix
from smartregion.assessments.models import Cell, CellMapping, MatrixVersion


def test_shipped_matrix_has_every_field_times_every_dimension_with_five_levels(db):
    version = MatrixVersion.objects.get(version="1")
    cells = list(version.cells.select_related("domain", "dimension"))
    assert len(cells) == 12 * 6
    for cell in cells:
        assert len(cell.descriptors_de) == len(cell.descriptors_en) == 5
        assert len(set(cell.descriptors_de)) == 5
        assert "{" not in "".join(cell.descriptors_de + cell.descriptors_en)
        assert cell.domain.label_de in cell.descriptors_de[0]
    assert [d.key for d in version.dimensions.order_by("position")] == [
        "strategie",
        "organisation",
        "infrastruktur",
        "daten",
        "services",
        "beteiligung",
    ]


def test_loading_again_changes_nothing(db):
    _version, changed = load_matrix()
    assert changed is False


def _edited_copy(tmp_path, **changes):
    data = json.loads(matrix_module.latest_file().read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / f"matrix-v{data['version']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, data


def test_a_used_version_is_frozen(db, tmp_path, jena):
    from smartregion.assessments import services

    from ..factories import UserFactory

    services.start_assessment(territory=jena, cycle=2025, by=UserFactory())
    data = json.loads(matrix_module.latest_file().read_text(encoding="utf-8"))
    data["dimensions"][0]["ladder_de"][0] = "Geändert: {feld}"
    path = tmp_path / "matrix-v1.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(MatrixFileError, match="cannot change"):
        load_matrix(path)


def _version_two(tmp_path):
    """Version 2 splits nothing but merges: its 'daten' cell of Verwaltung draws 50/50 on v1's
    'daten' and 'infrastruktur' cells; every other cell maps to the cell with the same key."""
    path, _data = _edited_copy(
        tmp_path,
        version="2",
        previous="1",
        title_de="Smart-Region-Matrix, Version 2",
        title_en="Smart Region Matrix, version 2",
        mapping={"verwaltung/daten": [["verwaltung/daten", 1], ["verwaltung/infrastruktur", 1]]},
    )
    return load_matrix(path)[0]


def test_version_mapping_carries_levels_with_weights(db, tmp_path):
    one = MatrixVersion.objects.get(version="1")
    two = _version_two(tmp_path)
    assert CellMapping.objects.filter(cell__matrix=two).count() == 73
    old = {cell.key: cell for cell in one.cells.select_related("domain", "dimension")}
    new = {cell.key: cell for cell in two.cells.select_related("domain", "dimension")}
    levels = {
        old["verwaltung/daten"].pk: 1,
        old["verwaltung/infrastruktur"].pk: 3,
        old["bildung/strategie"].pk: 4,
        old["mobilitaet/strategie"].pk: None,  # not relevant: drops out
    }
    carried = carry_levels(levels, one, two)
    assert carried[new["verwaltung/daten"].pk] == 2.0  # (1 + 3) / 2
    assert carried[new["verwaltung/infrastruktur"].pk] == 3.0
    assert carried[new["bildung/strategie"].pk] == 4.0
    assert new["mobilitaet/strategie"].pk not in carried


def test_mapping_to_an_unknown_cell_is_refused(db, tmp_path):
    path, _data = _edited_copy(
        tmp_path, version="2", previous="1", mapping={"verwaltung/daten": [["gibt/es-nicht", 1]]}
    )
    with pytest.raises(MatrixFileError, match="gibt/es-nicht"):
        load_matrix(path)
    assert not MatrixVersion.objects.filter(version="2").exists()


def test_new_cycle_on_a_new_version_starts_from_the_carried_levels(db, tmp_path, jena):
    from smartregion.assessments import services

    from ..factories import UserFactory

    user = UserFactory()
    first = services.start_assessment(territory=jena, cycle=2025, by=user)
    first.answers.update(current_level=1, target_level=2)
    first.answers.filter(cell__domain__key="verwaltung", cell__dimension__key="infrastruktur").update(current_level=3)
    services.submit_assessment(assessment=first, by=user)
    _version_two(tmp_path)
    second = services.start_assessment(territory=jena, cycle=2026, by=user)
    assert second.matrix.version == "2"
    answer = second.answers.get(cell__domain__key="verwaltung", cell__dimension__key="daten")
    assert answer.current_level == 2  # (1 + 3) / 2
    assert Cell.objects.filter(matrix=second.matrix).count() == 72
