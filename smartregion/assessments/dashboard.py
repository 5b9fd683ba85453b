"""The network dashboard for coordinators: maps, averages, participation, common gaps, trend.

Aggregates include every submitted assessment of the members (private ones too) but are shown only
when at least MIN_PEERS assessments contribute; single members appear (on the Gemeinde map and in
the member list) only if they shared their results with their networks or the public.
"""

from collections import Counter
from dataclasses import dataclass, field
from statistics import fmean

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smartregion.core.caching import kept, table_version
from smartregion.taxonomy.models import Domain
from smartregion.territories.maps import SvgMap, build_map
from smartregion.territories.models import Boundary, Territory

from .enums import MIN_PEERS, AssessmentStatus, Visibility
from .matrix import current_matrix
from .models import Assessment, Cell

# Five steps of the overall index, light to dark (ColorBrewer PuBu; the darkest steps need white labels nowhere).
CHORO_COLOURS = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"]


@dataclass
class Average:
    key: str
    label: str
    average: float | None
    count: int


@dataclass
class CommonGap:
    domain: str
    dimension: str
    count: int


@dataclass
class TrendPoint:
    cycle: int
    average: float | None
    count: int


@dataclass
class SharedMember:
    name: str
    ars: str
    overall: float | None


@dataclass
class MapArea:
    name: str
    average: float | None
    count: int


@dataclass
class Dashboard:
    network: object
    cycle: int | None
    cycles: list[int]
    member_count: int
    assessed_count: int
    overall: float | None
    domains: list[Average] = field(default_factory=list)
    dimensions: list[Average] = field(default_factory=list)
    common_gaps: list[CommonGap] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    shared_members: list[SharedMember] = field(default_factory=list)
    kreis_areas: list[MapArea] = field(default_factory=list)
    kreis_map: SvgMap | None = None
    gemeinde_map: SvgMap | None = None

    @property
    def enough(self) -> bool:
        return self.assessed_count >= MIN_PEERS

    @property
    def participation(self) -> int:
        return round(100 * self.assessed_count / self.member_count) if self.member_count else 0


def choro_fill(value: float) -> str:
    steps = len(CHORO_COLOURS)
    return CHORO_COLOURS[min(steps - 1, int(value // (100 / steps)))]


def legend() -> list[tuple[str, str]]:
    width = 100 // len(CHORO_COLOURS)
    return [(colour, f"{step * width}–{(step + 1) * width}") for step, colour in enumerate(CHORO_COLOURS)]


def _mean(values) -> float | None:
    values = [value for value in values if value is not None]
    return round(fmean(values), 1) if len(values) >= MIN_PEERS else None


DASHBOARD_SECONDS = 3600
BODY_TEMPLATE = "assessments/includes/dashboard_body.html"


def _version(network) -> tuple:
    """Changes when an assessment of a member or the membership changes (two aggregate queries)."""
    members = network.members.values("territory_id")
    return (
        table_version(Assessment.objects.filter(territory_id__in=members).order_by()),
        table_version(network.members.order_by(), "pk"),
    )


def build(network, cycle: int | None = None, *, with_maps: bool = True) -> Dashboard:
    """The dashboard, kept per network, cycle and language until an assessment of a member or the
    membership changes: the Gemeinde map of a Land-wide network draws hundreds of outlines, and
    every coordinator sees the same aggregates."""
    board = kept(
        "dashboard",
        (network.pk, cycle, with_maps),
        lambda: _version(network),
        DASHBOARD_SECONDS,
        lambda: _build(network, cycle, with_maps=with_maps),
    )
    board.network = network
    return board


@dataclass(frozen=True)
class DashboardPage:
    """What the page shows: the cycles to choose from, the cycle shown and its body as HTML."""

    cycles: list[int]
    cycle: int | None
    body: SafeString


def page(network, cycle: int | None = None) -> DashboardPage:
    """The dashboard's body (maps, tables, averages) rendered as HTML, kept like `build`: it shows
    hundreds of formatted numbers, and rendering them on every visit cost more than the rest of the
    page. Only the HTML is kept, not the dashboard and its map shapes, which take longer to read back.
    Nothing in the body depends on who looks at it."""

    def compute() -> DashboardPage:
        board = _build(network, cycle, with_maps=True)
        body = render_to_string(BODY_TEMPLATE, {"dashboard": board, "legend": legend(), "min_peers": MIN_PEERS})
        return DashboardPage(board.cycles, board.cycle, body)

    return kept("dashboard-page", (network.pk, cycle), lambda: _version(network), DASHBOARD_SECONDS, compute)


def _build(network, cycle: int | None, *, with_maps: bool) -> Dashboard:
    members = network.members.values("territory_id")  # a subquery: hundreds of ids as parameters cost more
    submitted = Assessment.objects.filter(territory_id__in=members, status=AssessmentStatus.SUBMITTED).order_by()
    by_cycle: dict[int, list[float]] = {}
    for year, overall in submitted.values_list("cycle", "overall_index"):
        by_cycle.setdefault(year, []).append(overall)
    cycles = sorted(by_cycle, reverse=True)
    if cycle not in cycles:
        cycle = cycles[0] if cycles else None
    rows = list(
        submitted.filter(cycle=cycle).values_list(
            "pk",
            "overall_index",
            "domain_scores",
            "dimension_scores",
            "visibility",
            "territory__kind",
            "territory__ars",
            "territory__short_name",
            "territory__kreis_id",
            "gap_cells",
        )
    )
    dashboard = Dashboard(
        network=network,
        cycle=cycle,
        cycles=cycles,
        member_count=network.members.count(),
        assessed_count=len(rows),
        overall=_mean(row[1] for row in rows),
    )
    for domain in Domain.objects.active():
        values = [row[2].get(domain.key) for row in rows]
        dashboard.domains.append(
            Average(domain.key, domain.label, _mean(values), sum(value is not None for value in values))
        )
    matrix = current_matrix()
    for dimension in matrix.dimensions.order_by("position") if matrix else []:
        values = [row[3].get(dimension.key) for row in rows]
        dashboard.dimensions.append(
            Average(dimension.key, dimension.label, _mean(values), sum(value is not None for value in values))
        )
    if dashboard.enough:
        gap_counts = Counter(cell_id for row in rows for cell_id in row[9])
        cells = Cell.objects.filter(pk__in=list(gap_counts)).select_related("domain", "dimension").in_bulk()
        ranked = sorted(
            gap_counts.items(),
            key=lambda item: (-item[1], cells[item[0]].domain.position, cells[item[0]].dimension.position),
        )
        dashboard.common_gaps = [
            CommonGap(cells[cell_id].domain.label, cells[cell_id].dimension.label, count)
            for cell_id, count in ranked[:10]
        ]
    dashboard.trend = [TrendPoint(year, _mean(values), len(values)) for year, values in sorted(by_cycle.items())]
    shared = [row for row in rows if row[4] in (Visibility.NETWORKS, Visibility.PUBLIC)]
    dashboard.shared_members = sorted(
        (SharedMember(row[7], row[6], row[1]) for row in shared), key=lambda member: member.name
    )
    by_kreis: dict[int, list[float]] = {}
    for row in rows:
        if row[8]:
            by_kreis.setdefault(row[8], []).append(row[1])
    kreise = {
        pk: (ars, name)
        for pk, ars, name in Territory.objects.filter(pk__in=by_kreis).values_list("pk", "ars", "short_name")
    }
    kreis_values = {ars: _mean(by_kreis[pk]) for pk, (ars, _name) in kreise.items()}
    dashboard.kreis_areas = sorted(
        (MapArea(name, kreis_values[ars], len(by_kreis[pk])) for pk, (ars, name) in kreise.items()),
        key=lambda area: area.name,
    )
    if with_maps:
        kreis_boundaries = list(Boundary.objects.filter(level="kreis", ars__in=list(kreis_values)))
        dashboard.kreis_map = _choropleth(
            _("Gesamtindex nach Kreis (Durchschnitt, ab %(n)s Selbsteinschätzungen)") % {"n": MIN_PEERS},
            kreis_boundaries,
            kreis_values,
        )
        dashboard.gemeinde_map = _choropleth(
            _("Gesamtindex der Gemeinden, die ihre Ergebnisse freigegeben haben"),
            Boundary.objects.filter(level="gemeinde", ars__in=[row[6] for row in shared]),
            {row[6]: row[1] for row in shared},
            background=kreis_boundaries,
        )
    return dashboard


def _choropleth(title: str, boundaries, values: dict, background=()) -> SvgMap:
    boundaries = list(boundaries)
    labels = {
        boundary.ars: f"{boundary.name}: {values[boundary.ars]:.1f}"
        if values.get(boundary.ars) is not None
        else f"{boundary.name}: {_('zu wenige Werte')}"
        for boundary in boundaries
    }
    fills = {ars: choro_fill(value) for ars, value in values.items() if value is not None}
    return build_map(title=title, boundaries=boundaries, fills=fills, labels=labels, background=background)
