"""The network dashboard for coordinators: maps, averages, participation, common gaps, trend.

Aggregates include every submitted assessment of the members (private ones too) but are shown only
when at least MIN_PEERS assessments contribute; single members appear (on the Gemeinde map and in
the member list) only if they shared their results with their networks or the public.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smartregion.core.freshness import Kept
from smartregion.events.models import Event, Registration
from smartregion.network import queries as network_queries
from smartregion.network.models import Network, NetworkMember
from smartregion.taxonomy.models import Domain
from smartregion.territories.maps import SvgMap
from smartregion.territories.models import Boundary, Territory, TerritoryRole

from . import charts
from .dashboard_maps import (
    CHORO_COLOURS,
    KreisArea,
    Pool,
    choro_fill,
    gemeinde_map,
    kreis_infos,
    kreis_map,
    legend,
    peer_mean,
    pool_kreise,
    pooling_note,
)
from .enums import MIN_PEERS, AssessmentStatus, Visibility
from .matrix import current_matrix
from .models import Assessment, Cell, Dimension, MatrixVersion
from .participation import MemberParticipation, member_participation

__all__ = ["CHORO_COLOURS", "choro_fill", "legend"]


@dataclass
class Average:
    key: str
    label: str
    average: float | None
    count: int


@dataclass
class Change:
    """A Handlungsfeld's average in the chosen cycle against the previous cycle (each from at least MIN_PEERS)."""

    label: str
    previous: float | None
    current: float | None
    previous_count: int
    current_count: int

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return round(self.current - self.previous, 1)

    @property
    def magnitude(self) -> float | None:
        return None if self.change is None else abs(self.change)


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
    domain_scores: dict = field(default_factory=dict)  # Handlungsfeld key → index


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
    previous_cycle: int | None = None
    changes: list[Change] = field(default_factory=list)
    member_activity: list[MemberParticipation] = field(default_factory=list)  # most active first
    kreis_areas: list[KreisArea] = field(default_factory=list)
    pools: list[Pool] = field(default_factory=list)
    kreis_map: SvgMap | None = None
    gemeinde_map: SvgMap | None = None

    @property
    def enough(self) -> bool:
        return self.assessed_count >= MIN_PEERS

    @property
    def participation(self) -> int:
        return round(100 * self.assessed_count / self.member_count) if self.member_count else 0

    @property
    def domains_ranked(self) -> list[Average]:
        return sorted((item for item in self.domains if item.average is not None), key=lambda item: -item.average)

    @property
    def dimensions_ranked(self) -> list[Average]:
        return sorted((item for item in self.dimensions if item.average is not None), key=lambda item: -item.average)

    @property
    def changes_ranked(self) -> list[Change]:
        return sorted((item for item in self.changes if item.change is not None), key=lambda item: -item.change)

    @property
    def changes_in_order(self) -> list[Change]:
        """The table under the change chart: the chart's order, then the Handlungsfelder without a change."""
        return self.changes_ranked + [item for item in self.changes if item.change is None]

    @property
    def pooling_note(self) -> str:
        return pooling_note(self.pools)

    @property
    def activity_shares(self) -> list[tuple[str, int, int]]:
        """(what, members with at least one, share of all members in %)."""
        total = len(self.member_activity)
        rows = [
            (_("mit abgeschlossener Selbsteinschätzung"), sum(row.assessments > 0 for row in self.member_activity)),
            (_("mit Digitalagenda"), sum(row.agendas > 0 for row in self.member_activity)),
            (_("bei Netzwerkveranstaltungen dabei"), sum(row.attendances > 0 for row in self.member_activity)),
        ]
        return [(label, count, round(100 * count / total) if total else 0) for label, count in rows]

    # The charts: geometry only (charts.py), drawn with their tables by assessments/includes/bar_chart.html.
    def domain_chart(self):
        rows = [(item.label, item.average, item.count) for item in self.domains_ranked]
        return charts.bar_chart(title=_("Durchschnittlicher Index je Handlungsfeld, höchster zuerst"), rows=rows)

    def dimension_chart(self):
        rows = [(item.label, item.average, item.count) for item in self.dimensions_ranked]
        return charts.bar_chart(title=_("Durchschnittlicher Index je Dimension, höchster zuerst"), rows=rows)

    def change_chart(self):
        title = _("Veränderung je Handlungsfeld: %(cycle)s gegenüber %(previous)s (Indexpunkte)") % {
            "cycle": self.cycle,
            "previous": self.previous_cycle,
        }
        return charts.change_chart(title=title, rows=[(item.label, item.change) for item in self.changes_ranked])

    def activity_chart(self):
        rows = [(label, share, count) for label, count, share in self.activity_shares]
        return charts.bar_chart(title=_("Beteiligung: Anteil der Mitglieder in Prozent"), rows=rows, unit="%")

    @property
    def charts(self) -> dict:
        return {
            "domains": self.domain_chart() if self.domains_ranked else None,
            "dimensions": self.dimension_chart() if self.dimensions_ranked else None,
            "changes": self.change_chart() if self.changes_ranked else None,
            "activity": self.activity_chart() if self.member_activity else None,
        }


DASHBOARD_SECONDS = 3600
BODY_TEMPLATE = "assessments/includes/dashboard_body.html"


# Everything the dashboard shows is read from these (core.freshness): the members and their names, their
# assessments, the matrix, the outlines, the members' roles, attended events and agendas (the agendas app,
# a higher layer, is named by its label).
DEPENDS_ON = (
    Network,
    NetworkMember,
    Territory,
    Assessment,
    Domain,
    MatrixVersion,
    Dimension,
    Cell,
    Boundary,
    TerritoryRole,
    Event,
    Registration,
    "agendas.agenda",
)


def build(network, cycle: int | None = None, *, with_maps: bool = True) -> Dashboard:
    """The dashboard, kept per network, cycle and language until a row it is built from changes: the
    Gemeinde map of a Land-wide network draws hundreds of outlines, and every coordinator sees the same
    aggregates."""
    board = _kept_board.get(network, cycle, with_maps)
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
    return _kept_page.get(network, cycle)


def warm() -> int:
    """Renders the dashboard of every network with members at its latest cycle, in every language, where it is
    not kept for the current generations (the task queue's warm-up, ADR 0026): the 605-member network of the
    benchmark takes 3.3 s to build, and without this its first coordinator after any change waited for it.
    Returns the number of networks."""
    networks = network_queries.with_members()
    for network in networks:
        _kept_page.get_in_every_language(network, None)
    return len(networks)


def kept_labels() -> tuple:
    """The models whose changes move the kept dashboard."""
    return _kept_page.labels


def _render_page(network, cycle: int | None) -> DashboardPage:
    board = _build(network, cycle, with_maps=True)
    body = render_to_string(BODY_TEMPLATE, {"dashboard": board, "legend": legend(), "min_peers": MIN_PEERS})
    return DashboardPage(board.cycles, board.cycle, body)


def _build(network, cycle: int | None, *, with_maps: bool) -> Dashboard:
    members = network.members.values("territory_id")  # a subquery: hundreds of ids as parameters cost more
    submitted = Assessment.objects.filter(territory_id__in=members, status=AssessmentStatus.SUBMITTED).order_by()
    by_cycle: dict[int, list[float]] = {}
    domain_scores_by_cycle: dict[int, list[dict]] = {}
    for year, overall, domain_scores in submitted.values_list("cycle", "overall_index", "domain_scores"):
        by_cycle.setdefault(year, []).append(overall)
        domain_scores_by_cycle.setdefault(year, []).append(domain_scores or {})
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
            "territory_id",
        )
    )
    member_rows = list(
        network.members.order_by("territory__short_name").values_list(
            "territory_id", "territory__short_name", "territory__name", "territory__kind", "territory__kreis_id"
        )
    )
    dashboard = Dashboard(
        network=network,
        cycle=cycle,
        cycles=cycles,
        member_count=len(member_rows),
        assessed_count=len(rows),
        overall=peer_mean(row[1] for row in rows),
    )
    domains = list(Domain.objects.active())
    for domain in domains:
        values = [row[2].get(domain.key) for row in rows]
        dashboard.domains.append(
            Average(domain.key, domain.label, peer_mean(values), sum(value is not None for value in values))
        )
    previous = [year for year in cycles if cycle is not None and year < cycle]
    if previous:
        dashboard.previous_cycle = previous[0]
        before = domain_scores_by_cycle[previous[0]]
        for domain, average in zip(domains, dashboard.domains, strict=True):
            values = [scores.get(domain.key) for scores in before]
            dashboard.changes.append(
                Change(
                    domain.label,
                    peer_mean(values),
                    average.average,
                    sum(value is not None for value in values),
                    average.count,
                )
            )
    matrix = current_matrix()
    for dimension in matrix.dimensions.order_by("position") if matrix else []:
        values = [row[3].get(dimension.key) for row in rows]
        dashboard.dimensions.append(
            Average(dimension.key, dimension.label, peer_mean(values), sum(value is not None for value in values))
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
    dashboard.trend = [TrendPoint(year, peer_mean(values), len(values)) for year, values in sorted(by_cycle.items())]
    shared = [row for row in rows if row[4] in (Visibility.NETWORKS, Visibility.PUBLIC)]
    dashboard.shared_members = sorted(
        (SharedMember(row[7], row[6], row[1], dict(row[2] or {})) for row in shared), key=lambda member: member.name
    )
    activity = member_participation(network, [(pk, short or name) for pk, short, name, _kind, _kreis in member_rows])
    dashboard.member_activity = sorted(activity, key=lambda row: (-row.total, row.name))
    # The Kreise of the members (a member Kreis counts as its own), their assessments' overall index by Kreis.
    kreis_of = {pk: (pk if kind == "kreis" else kreis) for pk, _short, _name, kind, kreis in member_rows}
    by_kreis: dict[int, list[float]] = {}
    for row in rows:
        kreis = kreis_of.get(row[10]) or row[8]
        if kreis:
            by_kreis.setdefault(kreis, []).append(row[1])
    infos = kreis_infos({kreis for kreis in kreis_of.values() if kreis} | set(by_kreis))
    dashboard.kreis_areas, dashboard.pools = pool_kreise(infos, by_kreis)
    if with_maps:
        kreis_boundaries = list(Boundary.objects.filter(level="kreis", ars__in=[info.ars for info in infos]))
        dashboard.kreis_map = kreis_map(dashboard.kreis_areas, kreis_boundaries, dashboard.pools)
        dashboard.gemeinde_map = gemeinde_map(
            {row[6]: (row[7], row[1]) for row in shared if row[5] != "kreis"}, kreis_boundaries
        )
    return dashboard


_kept_board = Kept(
    "dashboard",
    lambda network, cycle, with_maps: _build(network, cycle, with_maps=with_maps),
    depends_on=DEPENDS_ON,
    seconds=DASHBOARD_SECONDS,
)
_kept_page = Kept("dashboard-page", _render_page, depends_on=DEPENDS_ON, seconds=DASHBOARD_SECONDS)
