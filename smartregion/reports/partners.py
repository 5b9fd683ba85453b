"""Suggested partners per member of a network (issue 22): members with the same open need or assessment gap,
and members that already solved it nearby.

A member's topics are its open needs (open or in progress; a need from an assessment gap names its matrix cell,
every need its Handlungsfelder) and the largest gaps of its latest submitted assessment that it shared with
its networks. A private assessment never speaks for its territory outside it: neither its gaps nor the needs it
created count. Two members with the same
matrix cell share a gap; two needs in the members' own words share it when they are alike (a Handlungsfeld in
common and the words of shared_services.alike_terms: "Rufbus am Abend" and "Rufbus digital buchen"); any need
or gap in the same Handlungsfeld shares the Handlungsfeld. Partners are ranked by NEED_WEIGHT per alike need,
CELL_WEIGHT per shared cell and one per shared Handlungsfeld, then nearest first.

Solved nearby: published projects in operation or completed, in a Handlungsfeld of the member's topics, of
another member (or a Gemeinde of a member alliance or Kreis), without the entries of the shipped programme lists
(they name a programme, not a solution); nearest first, one project per territory.

Reads: a fixed number of queries whatever the size of the network; comparing goes through an index per topic.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from smartregion.assessments.enums import AssessmentStatus, Visibility
from smartregion.assessments.models import Assessment, Cell
from smartregion.needs.enums import NEEDS_PER_ASSESSMENT, NeedStatus
from smartregion.needs.models import Need
from smartregion.projects.enums import PROVEN_STATUSES
from smartregion.projects.queries import programme_list_entries, published
from smartregion.taxonomy.models import Domain
from smartregion.territories.queries import distance_km

from .shared_services import alike_pairs, terms_of

CELL_WEIGHT = 3
NEED_WEIGHT = 6  # a need in the member's own words says more than one of its five largest gaps
PARTNERS = 3  # shown per member
SOLVERS = 3
SHARED_SHOWN = 2  # shared topics named per partner
OPEN_STATUSES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


@dataclass
class Partner:
    name: str
    shared: list  # labels of the shared topics, cells first
    score: int
    distance_km: float | None


@dataclass
class Solver:
    name: str
    project: str
    url: str
    domain: str
    distance_km: float | None


@dataclass
class Suggestions:
    member: str
    topics: list  # labels of the member's topics, cells first
    partners: list = field(default_factory=list)
    solvers: list = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.partners or self.solvers)


def _topics(scope) -> dict[int, dict[tuple, str]]:
    """Member id → {topic: label}; a topic is ("cell", gap key), ("need", group) for needs in the members' own
    words that are alike (need_groups), or ("domain", domain id)."""
    members = sorted(scope.member_ids)
    domains = {domain.pk: domain for domain in Domain.objects.all()}
    cells = {cell.gap_key: cell for cell in Cell.objects.select_related("domain", "dimension")}
    topics: dict[int, dict[tuple, str]] = {member: {} for member in members}

    def add_cell(member: int, cell) -> None:
        topics[member][("cell", cell.gap_key)] = f"{cell.domain.label} – {cell.dimension.label}"
        topics[member][("domain", cell.domain_id)] = cell.domain.label

    rows = list(
        Need.objects.filter(territory_id__in=members, status__in=OPEN_STATUSES).values_list(
            "pk", "territory_id", "origin_key", "origin_ref", "title", "description", "domains"
        )
    )
    private = _private_sources({row[3] for row in rows})
    worded: dict[int, _WordedNeed] = {}
    for pk, member, origin_key, origin_ref, title, description, domain_id in rows:
        if origin_ref in private:
            continue
        if origin_key in cells:
            add_cell(member, cells[origin_key])
        elif pk not in worded:
            worded[pk] = _WordedNeed(pk, member, title, terms_of(title, description)[0])
        if domain_id in domains:
            topics[member][("domain", domain_id)] = domains[domain_id].label
            if pk in worded:
                worded[pk].domain_ids.add(domain_id)
    grouped = need_groups(list(worded.values()))
    group_of = {need.pk: group for group, needs in grouped.items() for need in needs}
    for need in worded.values():  # a need nobody else has is still the member's topic (no partner shares it)
        topics[need.member][("need", group_of.get(need.pk, need.pk))] = need.title
    by_pk = {cell.pk: cell for cell in cells.values()}
    latest: dict[int, list] = {}
    for member, gap_cells in (
        Assessment.objects.filter(
            territory_id__in=members,
            status=AssessmentStatus.SUBMITTED,
            visibility__in=[Visibility.NETWORKS, Visibility.PUBLIC],
        )
        .order_by("territory_id", "-cycle")
        .values_list("territory_id", "gap_cells")
    ):
        latest.setdefault(member, gap_cells[:NEEDS_PER_ASSESSMENT])
    for member, gap_cells in latest.items():
        for cell_id in gap_cells:
            if cell_id in by_pk:
                add_cell(member, by_pk[cell_id])
    return topics


@dataclass
class _WordedNeed:
    pk: int
    member: int
    title: str
    terms: frozenset
    domain_ids: set = field(default_factory=set)


def need_groups(needs: list) -> dict[int, list]:
    """Needs of different members in their own words that are alike (a Handlungsfeld in common, the words of
    shared_services.alike_terms), as groups keyed by their first need; needs alike with none are left out."""
    parent = {need.pk: need.pk for need in needs}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for first, second in alike_pairs(
        [need.terms for need in needs],
        [tuple(need.domain_ids) for need in needs],
        [need.member for need in needs],
    ):
        parent[root(needs[first].pk)] = root(needs[second].pk)
    groups: dict[int, list] = {}
    for need in sorted(needs, key=lambda need: need.pk):
        groups.setdefault(root(need.pk), []).append(need)
    return {min(item.pk for item in group): group for group in groups.values() if len(group) > 1}


def _private_sources(origin_refs: set) -> set[str]:
    """The origin references of needs that come from a private assessment: such a need speaks for its
    territory only inside it, not beside the other members."""
    prefix = "assessment:"
    ids = [int(ref[len(prefix) :]) for ref in origin_refs if ref.startswith(prefix) and ref[len(prefix) :].isdigit()]
    if not ids:
        return set()
    private = Assessment.objects.filter(pk__in=ids, visibility=Visibility.PRIVATE).values_list("pk", flat=True)
    return {f"{prefix}{pk}" for pk in private}


def _distance(scope, first: int, second_point) -> float | None:
    point = scope.coordinates.get(first)
    if point is None or second_point is None:
        return None
    return distance_km(*point, *second_point)


TOPIC_ORDER = {"need": 0, "cell": 1, "domain": 2}


def _ranked_topics(topics: dict[tuple, str]) -> list[tuple]:
    """Needs in the member's words first, then matrix cells, then Handlungsfelder."""
    return sorted(topics, key=lambda topic: (TOPIC_ORDER[topic[0]], topics[topic]))


def _shown_topics(held: dict[tuple, str]) -> list[str]:
    """The needs and gaps by name; the Handlungsfelder only when there is nothing else (each need and gap has its
    Handlungsfeld already)."""
    named = [held[topic] for topic in _ranked_topics(held) if topic[0] != "domain"]
    return named or [held[topic] for topic in _ranked_topics(held)]


def _partners(scope, member: int, topics: dict, holders: dict, names: dict) -> list[Partner]:
    scores: Counter = Counter()
    for topic in topics[member]:
        weight = {"need": NEED_WEIGHT, "cell": CELL_WEIGHT}.get(topic[0], 1)
        for other in holders[topic]:
            if other != member:
                scores[other] += weight
    if not scores:
        return []
    # Only the members that can make the shortlist are measured and named (hundreds share a Handlungsfeld).
    threshold = sorted(scores.values(), reverse=True)[:PARTNERS][-1]
    partners = [
        Partner(names[other], [], score, _distance(scope, member, scope.coordinates.get(other)))
        for other, score in scores.items()
        if score >= threshold
    ]
    partners.sort(key=lambda item: (-item.score, item.distance_km is None, item.distance_km or 0, item.name))
    ranked = _ranked_topics(topics[member])
    by_name = {names[other]: other for other in scores}
    for partner in partners[:PARTNERS]:
        other = topics[by_name[partner.name]]
        partner.shared = [topics[member][topic] for topic in ranked if topic in other][:SHARED_SHOWN]
    return partners[:PARTNERS]


def _proven_projects(scope) -> dict[int, list[tuple]]:
    """Domain id → (member, territory name, title, url, point) of the scope's proven projects."""
    rows = (
        published()
        .filter(scope.covers("lead_territory_id", "kreis_id"), status__in=PROVEN_STATUSES)
        .exclude(programme_list_entries())
        .filter(Q(primary_domain__isnull=False) | Q(domains__isnull=False))
        .values_list(
            "pk",
            "title",
            "lead_territory_id",
            "lead_territory__short_name",
            "lead_label",
            "kreis_id",
            "latitude",
            "longitude",
            "primary_domain_id",
            "domains",
        )
        .order_by("pk")
    )
    by_domain: dict[int, dict[int, tuple]] = {}
    for pk, title, territory_id, territory_name, label, kreis_id, latitude, longitude, primary, further in rows:
        point = (latitude, longitude) if latitude is not None and longitude is not None else None
        if point is None:
            point = scope.coordinates.get(scope.member_of(territory_id, kreis_id))
        entry = (
            scope.member_of(territory_id, kreis_id),
            territory_name or label,
            title,
            reverse("projects:detail", args=[pk]),
            point,
        )
        for domain_id in (primary, further):
            if domain_id:
                by_domain.setdefault(domain_id, {})[pk] = entry
    return {domain_id: list(projects.values()) for domain_id, projects in by_domain.items()}


def _solvers(scope, member: int, topics: dict, proven: dict, domain_labels: dict) -> list[Solver]:
    found: dict[str, Solver] = {}  # per territory, its nearest project
    for kind, domain_id in topics[member]:
        if kind != "domain":
            continue
        for owner, name, title, url, point in proven.get(domain_id, ()):
            if owner == member:
                continue
            solver = Solver(name, title, url, domain_labels[domain_id], _distance(scope, member, point))
            known = found.get(name)
            if known is None or _nearer(solver, known):
                found[name] = solver
    ranked = sorted(found.values(), key=lambda item: (item.distance_km is None, item.distance_km or 0, item.name))
    return ranked[:SOLVERS]


def _nearer(first: Solver, second: Solver) -> bool:
    return (first.distance_km is None, first.distance_km or 0, first.project) < (
        second.distance_km is None,
        second.distance_km or 0,
        second.project,
    )


def suggestions(scope) -> list[Suggestions]:
    """Per member with an open need or a shared gap, by name: partners and who solved it nearby."""
    topics = _topics(scope)
    holders: dict[tuple, list[int]] = {}
    for member, held in topics.items():
        for topic in held:
            holders.setdefault(topic, []).append(member)
    names = {member.pk: member.short_name or member.name for member in scope.members}
    proven = _proven_projects(scope)
    domain_labels = {
        domain_id: label for held in topics.values() for (kind, domain_id), label in held.items() if kind == "domain"
    }
    result = []
    for member in scope.members:
        if not topics.get(member.pk):
            continue
        result.append(
            Suggestions(
                member=names[member.pk],
                topics=_shown_topics(topics[member.pk]),
                partners=_partners(scope, member.pk, topics, holders, names),
                solvers=_solvers(scope, member.pk, topics, proven, domain_labels),
            )
        )
    return result
