"""Funding gaps of a network: the members' needs for which no eligible, topic-fitting programme and no
offering beyond grants is proposed ("Förderkulisse an die Bedarfe anpassen", in numbers).

The needs are the member territories' open needs (typed in, from workshop cards, from assessment gaps) and
the largest gaps of each member's latest submitted assessment that is shared with its networks and has no
need of the same key yet (a need somebody edited, solved or dropped speaks for its gap). Each is matched with
the member as the asking territory (programmes.py: topic fit, then eligibility; offerings.py: Land, target
group, topic). A need is a funding gap when neither a programme nor an offering is shown; topic-fitting
programmes the member may not apply for are counted with their reason, because they say where the
Förderkulisse misses the need.

Grouped by Handlungsfeld (a need with two counts in both), Land, Kreis and size class, each group with its
counts and up to EXAMPLES examples. Reads: members, needs and their Handlungsfelder, latest assessments and
their gap answers in a fixed number of queries; the matching reads its catalogues once per request.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartregion.assessments.enums import AssessmentStatus, Visibility
from smartregion.assessments.models import Answer, Assessment, Cell
from smartregion.core.freshness import Kept
from smartregion.needs.enums import NEEDS_PER_ASSESSMENT, NeedOrigin, NeedStatus
from smartregion.needs.models import Need
from smartregion.network import queries as network_queries
from smartregion.network.models import NetworkMember
from smartregion.taxonomy.models import Domain
from smartregion.territories.enums import SizeClass, TerritoryKind
from smartregion.territories.models import Territory

from . import offerings, programmes
from .batch import BatchMatcher
from .models import GapGrouping, GapRecommendation
from .query import MatchQuery

EXAMPLES = 3  # examples shown per group
OPEN_STATUSES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)
# Why a topic-fitting programme is closed to a member: what the Förderkulisse would have to change.
BLOCKED = {
    "land": gettext_lazy("nur in anderen Ländern"),
    "applicant": gettext_lazy("nicht antragsberechtigt"),
    "population": gettext_lazy("Einwohnergrenze"),
    "closed": gettext_lazy("keine offene Frist oder nicht kombinierbar"),
}
NO_GROUP = "ohne"  # key of the group of needs without a Handlungsfeld, of members without a Kreis


@dataclass
class MemberNeed:
    """One need of a member, as matched."""

    territory: object
    title: str
    text: str
    domain_ids: tuple
    origin: str  # NeedOrigin value
    url: str
    programmes: int = 0  # eligible, topic-fitting programmes shown
    offerings: int = 0  # offerings shown
    excluded: list = field(default_factory=list)  # topic-fitting programmes the member cannot use, with the reason
    blocked: frozenset = frozenset()  # why those programmes are closed to it (BLOCKED keys)
    groups: list = field(default_factory=list)  # (grouping, key, label) of every group it counts in

    def labels_of(self, grouping: str) -> list[str]:
        return [label for kind, _key, label in self.groups if kind == grouping]

    @property
    def is_gap(self) -> bool:
        return not self.programmes and not self.offerings

    @property
    def origin_label(self) -> str:
        return str(NeedOrigin(self.origin).label)


@dataclass
class Example:
    member: str
    title: str
    url: str


@dataclass
class Group:
    grouping: str
    key: str
    label: str
    need_count: int = 0
    gap_count: int = 0
    excluded_count: int = 0  # gaps with topic-fitting programmes the member may not apply for
    blocked: Counter = field(default_factory=Counter)  # BLOCKED key → gaps with a programme closed for that reason

    @property
    def blocked_rows(self) -> list[tuple[str, int]]:
        """(what closes the programmes, how many gaps) in BLOCKED's order, only those that occur."""
        return [(str(label), self.blocked[key]) for key, label in BLOCKED.items() if self.blocked[key]]

    members: set = field(default_factory=set)
    examples: list = field(default_factory=list)
    recommendation: object = None  # GapRecommendation or None

    @property
    def member_count(self) -> int:
        return len(self.members)

    @property
    def share(self) -> int:
        """Percent of the group's needs that are funding gaps."""
        return round(100 * self.gap_count / self.need_count) if self.need_count else 0


@dataclass
class FundingGaps:
    network: object
    member_count: int
    needs: list  # MemberNeed
    groupings: dict  # GapGrouping value → list of Group (only groups with at least one gap), most gaps first

    @property
    def need_count(self) -> int:
        return len(self.needs)

    @property
    def gaps(self) -> list:
        return [need for need in self.needs if need.is_gap]

    @property
    def gap_count(self) -> int:
        return len(self.gaps)

    @property
    def member_with_gap_count(self) -> int:
        return len({need.territory.pk for need in self.gaps})


def _members(network) -> list:
    rows = NetworkMember.objects.filter(network=network).select_related("territory__land", "territory__kreis")
    return [row.territory for row in rows.order_by("territory__short_name")]


def _domain_ids_of(needs: list) -> dict:
    through = Need.domains.through.objects.filter(need_id__in=[need.pk for need in needs])
    domain_ids: dict[int, list] = {}
    for need_id, domain_id in through.values_list("need_id", "domain_id"):
        domain_ids.setdefault(need_id, []).append(domain_id)
    return domain_ids


def _open_needs(members: dict) -> tuple[list, set]:
    """The members' open needs, and the (territory, key) pairs of every need with a key (any status)."""
    rows = list(
        Need.all_objects.filter(territory_id__in=list(members)).only(
            "pk", "territory_id", "title", "description", "origin", "origin_key", "status", "deleted_at"
        )
    )
    keyed = {(need.territory_id, need.origin_key) for need in rows if need.origin_key}
    alive = [need for need in rows if need.deleted_at is None and need.status in OPEN_STATUSES]
    domain_ids = _domain_ids_of(alive)
    needs = [
        MemberNeed(
            territory=members[need.territory_id],
            title=need.title,
            text=f"{need.title} {need.description}",
            domain_ids=tuple(sorted(domain_ids.get(need.pk, ()))),
            origin=need.origin,
            url=reverse("needs:detail", args=[need.pk]),
        )
        for need in alive
    ]
    return needs, keyed


def _assessment_gaps(members: dict, keyed: set) -> list:
    """The largest gaps of each member's latest submitted assessment shared with its networks, unless the
    member has a need of the same key."""
    latest = {}
    for pk, territory_id, gap_cells in (
        Assessment.objects.filter(
            territory_id__in=list(members),
            status=AssessmentStatus.SUBMITTED,
            visibility__in=[Visibility.NETWORKS, Visibility.PUBLIC],
        )
        .order_by("territory_id", "-cycle")
        .values_list("pk", "territory_id", "gap_cells")
    ):
        latest.setdefault(territory_id, (pk, gap_cells[:NEEDS_PER_ASSESSMENT]))
    wanted = {(pk, cell) for pk, cells in latest.values() for cell in cells}
    if not wanted:
        return []
    # The levels as plain rows (the filter reads every answer of those cells: 600 members × their cells) and the
    # few cells once, not a joined model per answer.
    levels = {
        (assessment_id, cell_id): (current, target)
        for assessment_id, cell_id, current, target in Answer.objects.filter(
            assessment_id__in=[pk for pk, _cells in latest.values()],
            cell_id__in={cell for _pk, cell in wanted},
        )
        .order_by()
        .values_list("assessment_id", "cell_id", "current_level", "target_level")
        if (assessment_id, cell_id) in wanted
    }
    matrix = Cell.objects.select_related("domain", "dimension").in_bulk({cell for _pk, cell in wanted})
    needs = []
    for territory_id, (pk, cell_ids) in latest.items():
        for cell_id in cell_ids:
            current, target = levels.get((pk, cell_id), (None, None))
            cell = matrix.get(cell_id)
            if cell is None or target is None or (territory_id, cell.gap_key) in keyed:
                continue
            needs.append(
                MemberNeed(
                    territory=members[territory_id],
                    title=_("%(field)s – %(dimension)s: von Stufe %(current)s auf %(target)s")
                    % {
                        "field": cell.domain.label,
                        "dimension": cell.dimension.label,
                        "current": current,
                        "target": target,
                    },
                    text=cell.gap_text_de(target),
                    domain_ids=(cell.domain_id,),
                    origin=NeedOrigin.ASSESSMENT,
                    url=reverse("matching:gap", args=[pk, cell_id]),
                )
            )
    return needs


def _match(need: MemberNeed, query: MatchQuery, matcher: BatchMatcher) -> None:
    """Match the need with its member as the asking territory (batch.BatchMatcher shares the work)."""
    need.programmes, need.offerings, excluded, blocked = matcher.outcome(query)
    if need.is_gap:
        need.excluded, need.blocked = list(excluded), blocked


def _size_key(territory) -> str:
    """Gemeinden by their size class, Kreise as Landkreis or kreisfreie Stadt, others by their kind."""
    if territory.kind == TerritoryKind.GEMEINDE:
        return territory.size_class or "gemeinde"
    if territory.kind == TerritoryKind.KREIS:
        return "kreisfreie-stadt" if territory.type_code in ("41", "42") else "landkreis"
    return territory.kind


def _region_groups(territory) -> dict:
    """(key, label) of the territory's Land and Kreis (a Kreis or Land is its own)."""
    land = territory if territory.kind == TerritoryKind.LAND else territory.land
    kreis = territory if territory.kind == TerritoryKind.KREIS else territory.kreis
    return {
        GapGrouping.LAND: (land.code, land.short_name) if land else (NO_GROUP, _no_group_label(GapGrouping.LAND)),
        GapGrouping.KREIS: (kreis.code, kreis.short_name) if kreis else (NO_GROUP, _no_group_label(GapGrouping.KREIS)),
    }


def _groups_of(need: MemberNeed, domains: dict, size_labels: dict) -> list[tuple[str, str, str]]:
    """(grouping, key, label) of every group the need counts in."""
    groups = [(GapGrouping.DOMAIN, domains[pk].key, domains[pk].label) for pk in need.domain_ids if pk in domains] or [
        (GapGrouping.DOMAIN, NO_GROUP, _no_group_label(GapGrouping.DOMAIN))
    ]
    for grouping, (key, label) in _region_groups(need.territory).items():
        groups.append((grouping, key, label))
    size = _size_key(need.territory)
    groups.append((GapGrouping.SIZE, size, size_labels.get(size, size)))
    return groups


def _group(needs: list, domains: dict) -> list:
    """Every group a need counts in (also those without a gap), most gaps first, Handlungsfelder in their order."""
    groups: dict[tuple, Group] = {}
    size_labels = _size_labels()
    for need in needs:
        need.groups = _groups_of(need, domains, size_labels)
        for grouping, key, label in need.groups:
            group = groups.get((grouping, key))
            if group is None:
                group = groups[grouping, key] = Group(grouping, key, label)
            group.need_count += 1
            if not need.is_gap:
                continue
            group.gap_count += 1
            group.excluded_count += bool(need.excluded)
            group.blocked.update(need.blocked)
            group.members.add(need.territory.pk)
            if len(group.examples) < EXAMPLES:
                group.examples.append(Example(need.territory.short_name, need.title, need.url))
    position = {domain.key: domain.position for domain in domains.values()}
    return sorted(
        groups.values(),
        key=lambda group: (
            -group.gap_count,
            position.get(group.key, 99) if group.grouping == GapGrouping.DOMAIN else 0,
            group.label,
        ),
    )


@dataclass
class _Analysis:
    """What is kept between requests: everything but the recommendations (they show at once when saved)."""

    member_count: int
    needs: list
    groups: list


def _analyse(network, today: date) -> _Analysis:
    members = {territory.pk: territory for territory in _members(network)}
    needs, keyed = _open_needs(members)
    needs += _assessment_gaps(members, keyed)
    needs.sort(key=lambda need: (need.territory.short_name, need.title))
    domains = {domain.pk: domain for domain in Domain.objects.all()}
    matcher = BatchMatcher(today=today, domains=domains)
    queries = [
        MatchQuery(text=need.text, domain_ids=need.domain_ids, territory=need.territory, label=need.title)
        for need in needs
    ]
    matcher.understand_all(queries)
    for need, query in zip(needs, queries, strict=True):
        _match(need, query, matcher)
    return _Analysis(len(members), needs, _group(needs, domains))


# Matching a network of 600 members' 3,000 needs takes tens of seconds: the analysis is kept (core.freshness,
# like the dashboard) until a member, a need, an assessment, a programme or an offering changes, or the day.
ANALYSIS_SECONDS = 24 * 3600
_analysis = Kept(
    "funding-gaps",
    _analyse,
    depends_on=(
        NetworkMember,
        Territory,
        Need,
        Assessment,
        Answer,
        *programmes.CATALOGUE_DEPENDS_ON,
        *offerings.CATALOGUE_DEPENDS_ON,
    ),
    seconds=ANALYSIS_SECONDS,
)


def funding_gaps(network, *, today: date) -> FundingGaps:
    analysis = _analysis.get(network, today)
    recommendations = {
        (recommendation.grouping, recommendation.key): recommendation
        for recommendation in GapRecommendation.objects.filter(network=network).select_related("updated_by")
    }
    groupings = {grouping.value: [] for grouping in GapGrouping}
    for kept_group in analysis.groups:
        recommendation = recommendations.get((kept_group.grouping, kept_group.key))
        if kept_group.gap_count or recommendation is not None:
            # A copy: the kept analysis may be shared by the threads of a worker.
            groupings[kept_group.grouping].append(replace(kept_group, recommendation=recommendation))
    return FundingGaps(network, analysis.member_count, analysis.needs, groupings)


def _no_group_label(grouping: str) -> str:
    return {
        GapGrouping.DOMAIN: _("ohne Handlungsfeld"),
        GapGrouping.LAND: _("ohne Land"),
        GapGrouping.KREIS: _("ohne Kreis (Verbund)"),
    }.get(grouping, "")


def _size_labels() -> dict:
    return {
        **{value: str(label) for value, label in TerritoryKind.choices},
        **{value: str(label) for value, label in SizeClass.choices},
        "kreisfreie-stadt": _("kreisfreie Stadt"),
        "landkreis": _("Landkreis"),
        "gemeinde": _("Gemeinde (Größe unbekannt)"),
    }


def group_label(grouping: str, key: str) -> str | None:
    """The label of a group of gaps by its key (for the recommendation page), or None when the key names no
    Handlungsfeld, no Land or Kreis and no size class."""
    if key == NO_GROUP and grouping != GapGrouping.SIZE:
        return _no_group_label(grouping)
    if grouping == GapGrouping.DOMAIN:
        domain = Domain.objects.filter(key=key).first()
        return domain.label if domain else None
    if grouping in (GapGrouping.LAND, GapGrouping.KREIS):
        kind = TerritoryKind.LAND if grouping == GapGrouping.LAND else TerritoryKind.KREIS
        territory = Territory.objects.filter(code=key, kind=kind).first()
        return territory.short_name if territory else None
    if grouping == GapGrouping.SIZE:
        return _size_labels().get(key)
    return None


def warm(today: date) -> int:
    """Builds the analysis of every network with members, in every language, where it is not kept for the
    current generations (the task queue's warm-up, ADR 0026): a coordinator's first view after a change
    finds it ready. Returns the number of networks."""
    networks = network_queries.with_members()
    for network in networks:
        _analysis.get_in_every_language(network, today)
    return len(networks)


def kept_labels() -> tuple:
    """The models whose changes move the kept analysis."""
    return _analysis.labels
