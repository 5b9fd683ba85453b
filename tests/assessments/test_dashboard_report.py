"""Issue 22: the network dashboard as something to paste into a report — ranked bar charts, the change between
cycles, participation, Kreis maps with title, legend and place names, Kreise of too few assessments pooled into
the Land (k ≥ 5), and the XLSX with the members × Handlungsfelder matrix and the figures behind every chart."""

from io import BytesIO
from statistics import fmean

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from smartregion.assessments import dashboard
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories.models import Territory

from ..factories import UserFactory
from .conftest import submitted


def _gemeinden(kreis_ars: str, count: int) -> list[Territory]:
    return list(Territory.objects.filter(kind="gemeinde", kreis__ars=kreis_ars).order_by("ars")[:count])


@pytest.fixture
def pooled_network(db):
    """Six assessed members in the Ilm-Kreis (enough for its own value), and 2 + 2 + 1 in three other Thuringian
    Kreise (too few each, five together: pooled into the Land, which has no Regierungsbezirke)."""
    admin = UserFactory(is_superuser=True)
    network = network_services.create_network(name="Berichtsnetz", slug="bericht", by=admin)
    coordinator = UserFactory()
    network_roles.grant_network_role(user=coordinator, network=network)
    ilm = _gemeinden("16070", 6)
    small = _gemeinden("16071", 2) + _gemeinden("16073", 2) + _gemeinden("16074", 1)
    assessments = {}
    for index, territory in enumerate(ilm + small):
        network_services.add_member(network, territory, by=admin)
        visibility = "networks" if index in (0, 7) else "private"
        assessments[territory.pk] = submitted(territory, level=1 + index % 4, by=admin, visibility=visibility)
    return {
        "network": network,
        "coordinator": coordinator,
        "ilm": ilm,
        "small": small,
        "assessments": assessments,
        "admin": admin,
    }


def test_a_kreis_with_fewer_than_five_falls_back_to_the_land(pooled_network):
    board = dashboard._build(pooled_network["network"], None, with_maps=True)
    areas = {area.ars: area for area in board.kreis_areas}
    overall = {pk: assessment.overall_index for pk, assessment in pooled_network["assessments"].items()}
    ilm = areas["16070"]
    assert ilm.count == 6 and ilm.pool is None
    assert ilm.average == round(fmean(overall[t.pk] for t in pooled_network["ilm"]), 1)
    pooled = [areas[ars] for ars in ("16071", "16073", "16074")]
    assert [area.average for area in pooled] == [None, None, None]  # fewer than five each
    pool = pooled[0].pool
    assert pool is pooled[1].pool is pooled[2].pool
    assert pool.label == "Thüringen" and pool.level == "land" and pool.count == 5
    assert pool.average == round(fmean(overall[t.pk] for t in pooled_network["small"]), 1)
    assert [area.shown for area in pooled] == [pool.average] * 3
    assert board.pooling_note.startswith("Kreise mit weniger als 5 Selbsteinschätzungen sind zum Land zusammengefasst")
    markup = board.kreis_map.markup()
    assert markup.count('stroke-dasharray="7 4"') == 3  # the pooled Kreise are drawn with dashed outlines
    assert "zum Land zusammengefasst" in markup


def test_the_kreis_map_carries_its_title_legend_and_place_names(pooled_network):
    board = dashboard._build(pooled_network["network"], None, with_maps=True)
    svg_map = board.kreis_map
    markup = svg_map.markup()
    assert svg_map.framed and svg_map.view_box.startswith("0 -")  # room above the outlines for the title
    assert ">Durchschnittlicher Gesamtindex nach Kreis</text>" in markup
    assert ">Gesamtindex (0–100)</text>" in markup
    for label in ("0–20", "80–100", "zusammengefasst", "zu wenige Werte", "keine Selbsteinschätzung"):
        assert f">{label}</text>" in markup
    assert 'id="kreis-map-hatch"' in markup and 'fill="url(#kreis-map-hatch)"' in markup  # the legend's swatch
    names = {" ".join(name.lines) for name in svg_map.names}
    assert names == {area.name for area in board.kreis_areas}  # four Kreise: every name fits
    boxes = [name.box for name in svg_map.names]
    for index, (left, top, width, height) in enumerate(boxes):
        for other_left, other_top, other_width, other_height in boxes[index + 1 :]:
            assert (
                left + width <= other_left
                or other_left + other_width <= left
                or top + height <= other_top
                or other_top + other_height <= top
            )
    # the legend is laid out in rows under the map: every swatch below the outlines
    legend_rows = {float(part.split('y="')[1].split('"')[0]) for part in svg_map.frame_parts if "<rect" in part}
    assert min(legend_rows) > svg_map.height


def test_too_few_even_pooled_is_hatched(db, jena, ilmenau):
    admin = UserFactory(is_superuser=True)
    network = network_services.create_network(name="Klein", slug="klein", by=admin)
    for territory in (jena, ilmenau):
        network_services.add_member(network, territory, by=admin)
        submitted(territory, by=admin)
    board = dashboard._build(network, None, with_maps=True)
    assert {area.shown for area in board.kreis_areas} == {None}
    assert board.kreis_map.markup().count('fill="url(#kreis-map-hatch)"') == 3  # two Kreise and the legend
    assert "schraffiert" in board.pooling_note


def test_ranked_charts_and_the_change_between_cycles(pooled_network):
    admin = pooled_network["admin"]
    for territory in pooled_network["ilm"][:5]:
        submitted(territory, level=4, cycle=2026, by=admin)
    board = dashboard._build(pooled_network["network"], 2026, with_maps=False)
    assert board.previous_cycle == 2025
    averages = [item.average for item in board.domains_ranked]
    assert averages == sorted(averages, reverse=True)
    chart = board.domain_chart()
    assert [bar.value for bar in chart.bars] == averages
    assert chart.bars[0].width >= chart.bars[-1].width
    before = dashboard._build(pooled_network["network"], 2025, with_maps=False)
    for change in board.changes:
        previous = next(item.average for item in before.domains if item.label == change.label)
        assert change.previous == previous
        assert change.change == round(change.current - previous, 1)
    changes = board.change_chart()
    assert [bar.value for bar in changes.bars] == [item.change for item in board.changes_ranked]


def test_the_page_shows_every_chart_with_its_table(client, pooled_network):
    client.force_login(pooled_network["coordinator"])
    html = client.get(reverse("assessments:dashboard", args=["bericht"])).content.decode()
    for chart_id in ("chart-activity", "chart-domains", "chart-dimensions"):
        assert f'aria-labelledby="{chart_id}-title"' in html
    assert 'aria-labelledby="kreis-map-title"' in html
    assert "Kreise mit weniger als 5 Selbsteinschätzungen sind zum Land zusammengefasst" in html
    assert "zusammengefasst: Thüringen" in html  # the Kreis table says where a Kreis's assessments count
    assert "Beteiligung der Mitglieder (dieselben Zahlen wie im Diagramm)" in html
    pdf = client.get(reverse("assessments:dashboard_export", args=["bericht", "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_xlsx_has_the_member_matrix_and_the_figures_behind_the_charts(client, pooled_network):
    client.force_login(pooled_network["coordinator"])
    response = client.get(reverse("assessments:dashboard_export", args=["bericht", "xlsx"]))
    workbook = load_workbook(BytesIO(response.content))
    for name in ("Mitglieder × Handlungsfelder", "Veränderung", "Beteiligung", "Karte Kreise", "Durchschnitte"):
        assert name in workbook.sheetnames
    matrix = list(workbook["Mitglieder × Handlungsfelder"].iter_rows(values_only=True))
    header, rows = matrix[0], matrix[1:]
    shared = [
        assessment for assessment in pooled_network["assessments"].values() if assessment.visibility == "networks"
    ]
    assert sorted(row[0] for row in rows) == sorted(a.territory.short_name for a in shared)  # private ones absent
    assessment = shared[0]
    row = next(row for row in rows if row[0] == assessment.territory.short_name)
    board = dashboard._build(pooled_network["network"], None, with_maps=False)
    first_domain = board.domains[0]
    assert header[3] == first_domain.label
    assert row[3] == round(assessment.domain_scores[first_domain.key], 1)
    kreise = list(workbook["Karte Kreise"].iter_rows(values_only=True))
    pooled = next(row for row in kreise if row[1] == "16071")
    assert pooled[2] is None and pooled[4] == "Thüringen" and pooled[6] == 5
    activity = list(workbook["Beteiligung"].iter_rows(values_only=True))
    assert activity[1][1:3] == (11, 100)  # every member submitted
    assert len(workbook["Durchschnitte"]._charts) == 2  # Excel's own bar charts beside the figures


def test_two_kreise_of_one_name_are_told_apart(db):
    from smartregion.assessments.dashboard_maps import kreis_infos

    hof = Territory.objects.filter(kind="kreis", short_name="Hof")
    infos = kreis_infos(hof.values_list("pk", flat=True))
    assert sorted(info.name for info in infos) == ["Hof (Kreisfreie Stadt)", "Hof (Landkreis)"]
    assert {info.regbez[1] for info in infos} == {"Oberfranken"}


def test_the_dashboard_reads_the_same_number_of_queries_whatever_the_number_of_members(pooled_network):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    network, admin = pooled_network["network"], pooled_network["admin"]
    with CaptureQueriesContext(connection) as before:
        dashboard._build(network, None, with_maps=True)
    for territory in _gemeinden("16075", 3) + _gemeinden("16076", 3):
        network_services.add_member(network, territory, by=admin)
        submitted(territory, by=admin, visibility="networks")
    with CaptureQueriesContext(connection) as after:
        board = dashboard._build(network, None, with_maps=True)
    assert board.member_count == 17
    assert len(after) == len(before) <= 16
