"""Peer groups and benchmark statistics.

Every submitted assessment contributes its scores to the statistics of its peer groups (all
visibilities: that is what makes benchmarking useful), but a statistic is only shown when at least
MIN_PEERS *other* territories contribute, and only as median, quartiles and the territory's own
percentile rank — never single values (docs/adr/0010). Statistics are precomputed per cycle
(`recompute_for` after every submission for the submitting territory's groups; `recompute` for
everything by `manage.py recompute_peer_statistics`, e.g. nightly, which also refreshes every
territory's similar peers).

Peer groups of a territory: same size class (Gemeinden) or same level (Kreise, alliances), same
Kreis, same Regierungsbezirk, same Land, each network it belongs to, and "structurally similar":
the SIMILAR_COUNT nearest assessed territories of the same level by log population, log density
and urbanisation class (each standardised over the cycle), stored on the assessment.
"""

import bisect
import heapq
import itertools
import math
import statistics
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from smartregion.core.freshness import bulk_written
from smartregion.network.models import NetworkMember

from .enums import MIN_PEERS, AssessmentStatus, PeerGroup
from .models import Assessment, PeerStatistic

SIMILAR_COUNT = 10
SIMILAR_WINDOW = 60  # candidates on each side in (standardised) population order, for the 10 nearest


def metrics_of(overall, domain_scores: dict, dimension_scores: dict) -> dict[str, float]:
    values = {"gesamt": overall} if overall is not None else {}
    values.update({f"feld:{key}": value for key, value in domain_scores.items()})
    values.update({f"dimension:{key}": value for key, value in dimension_scores.items()})
    return values


def _level(kind: str) -> str:
    return "gemeinde" if kind in ("gemeinde", "gemeindefrei") else kind


def group_keys(territory, network_ids) -> dict[str, list[str]]:
    """The keys of the peer groups a territory belongs to (without the similar group)."""
    level = _level(territory.kind)
    keys = {PeerGroup.SIZE: [f"{level}:{territory.size_class or '-'}" if level == "gemeinde" else level]}
    if territory.kreis_id and level == "gemeinde":
        keys[PeerGroup.KREIS] = [str(territory.kreis_id)]
    if territory.regbez_id:
        keys[PeerGroup.REGBEZ] = [f"{level}:{territory.regbez_id}"]
    if territory.land_id:
        keys[PeerGroup.LAND] = [f"{level}:{territory.land_id}"]
    keys[PeerGroup.NETWORK] = [str(pk) for pk in network_ids]
    return keys


def _submitted(cycle=None):
    queryset = Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).select_related("territory").order_by()
    return queryset.filter(cycle=cycle) if cycle is not None else queryset


FIELDS = (  # what the statistics and the similar peers read of an assessment
    "id",
    "cycle",
    "territory_id",
    "similar_peers",
    "overall_index",
    "domain_scores",
    "dimension_scores",
    "territory__kind",
    "territory__size_class",
    "territory__kreis_id",
    "territory__regbez_id",
    "territory__land_id",
    "territory__population",
    "territory__density",
    "territory__urbanisation",
)


def _network_map() -> dict[int, list[int]]:
    networks: dict[int, list[int]] = {}
    for network_id, territory_id in NetworkMember.objects.values_list("network_id", "territory_id"):
        networks.setdefault(territory_id, []).append(network_id)
    return networks


def _buckets(assessments, networks) -> dict[tuple, list[float]]:
    """Scores by (cycle, group, key, metric)."""
    buckets: dict[tuple, list[float]] = {}
    for assessment in assessments:
        metrics = metrics_of(assessment.overall_index, assessment.domain_scores, assessment.dimension_scores)
        for group, keys in group_keys(assessment.territory, networks.get(assessment.territory_id, [])).items():
            for key in keys:
                for metric, value in metrics.items():
                    buckets.setdefault((assessment.cycle, group, key, metric), []).append(value)
    return buckets


def _write(buckets) -> None:
    PeerStatistic.objects.bulk_create(
        [
            PeerStatistic(
                cycle=c, group=g, group_key=k, metric=m, count=len(values), values=Distribution.of(values).pairs()
            )
            for (c, g, k, m), values in buckets.items()
        ],
        batch_size=2000,
    )


@transaction.atomic
def recompute(cycle: int | None = None) -> int:
    """Rebuild the peer statistics (and the similar peers) of one cycle or of all; returns groups × metrics."""
    assessments = list(_submitted(cycle).only(*FIELDS))
    buckets = _buckets(assessments, _network_map())
    stale = PeerStatistic.objects.all() if cycle is None else PeerStatistic.objects.filter(cycle=cycle)
    stale.delete()
    _write(buckets)
    _store_similar_peers(assessments)
    return len(buckets)


@transaction.atomic
def recompute_for(assessment: Assessment) -> int:
    """After one submission: add its scores to the distributions of the territory's groups and find
    its own similar peers — a few dozen row updates instead of recomputing the cycle.

    A full `recompute` (the management command, e.g. nightly) also refreshes the other territories'
    similar peers and repairs the statistics after a deletion.
    """
    territory = assessment.territory
    own_networks = list(NetworkMember.objects.filter(territory=territory).values_list("network_id", flat=True))
    metrics = metrics_of(assessment.overall_index, assessment.domain_scores, assessment.dimension_scores)
    keys = [(group, key) for group, group_keys_ in group_keys(territory, own_networks).items() for key in group_keys_]
    wanted = Q()
    for group, key in keys:
        wanted |= Q(group=group, group_key=key)
    rows = {
        (row.group, row.group_key, row.metric): row
        for row in PeerStatistic.objects.select_for_update().filter(wanted, cycle=assessment.cycle)
    }
    changed, created = [], []
    for group, key in keys:
        for metric, value in metrics.items():
            row = rows.get((group, key, metric))
            if row is None:
                created.append(
                    PeerStatistic(
                        cycle=assessment.cycle, group=group, group_key=key, metric=metric, count=1, values=[[value, 1]]
                    )
                )
                continue
            row.values = Distribution(row.values).with_value(value).pairs()
            row.count += 1
            changed.append(row)
    PeerStatistic.objects.bulk_update(changed, ["values", "count"], batch_size=500)
    PeerStatistic.objects.bulk_create(created, batch_size=500)
    bulk_written(PeerStatistic)
    level_kinds = ["gemeinde", "gemeindefrei"] if _level(territory.kind) == "gemeinde" else [territory.kind]
    level = list(
        _submitted(assessment.cycle)
        .filter(territory__kind__in=level_kinds)
        .only(
            "id",
            "cycle",
            "territory_id",
            "similar_peers",
            "territory__kind",
            "territory__population",
            "territory__density",
            "territory__urbanisation",
        )
    )
    _store_similar_peers(level, only=assessment.pk)
    return len(changed) + len(created)


def _features(territory) -> tuple[float, float, float] | None:
    if not territory.population or not territory.density:
        return None
    return math.log10(territory.population), math.log10(max(territory.density, 1.0)), float(territory.urbanisation or 2)


def _store_similar_peers(assessments, *, only: int | None = None) -> None:
    """The SIMILAR_COUNT nearest of every assessment (or only of the assessment with id `only`)."""
    groups: dict[tuple, list] = {}
    for assessment in assessments:
        features = _features(assessment.territory)
        if features is not None:
            groups.setdefault((assessment.cycle, _level(assessment.territory.kind)), []).append((features, assessment))
    changed = []
    for members in groups.values():
        if len(members) < 2:
            continue
        spreads = [statistics.pstdev([features[i] for features, _a in members]) or 1.0 for i in range(3)]
        scaled = sorted(
            ((tuple(features[i] / spreads[i] for i in range(3)), assessment) for features, assessment in members),
            key=lambda item: (item[0], item[1].pk),
        )
        points = [(*point, assessment.territory_id) for point, assessment in scaled]
        for index, (x, y, z, own_territory) in enumerate(points):
            if only is not None and scaled[index][1].pk != only:
                continue
            window = points[max(0, index - SIMILAR_WINDOW) : index + SIMILAR_WINDOW + 1]
            nearest = heapq.nsmallest(
                SIMILAR_COUNT,
                (
                    ((x - ox) ** 2 + (y - oy) ** 2 + (z - oz) ** 2, territory_id)
                    for ox, oy, oz, territory_id in window
                    if territory_id != own_territory
                ),
            )
            peers = [territory_id for _distance, territory_id in nearest]
            assessment = scaled[index][1]
            if peers != assessment.similar_peers:
                assessment.similar_peers = peers
                changed.append(assessment)
    Assessment.objects.bulk_update(changed, ["similar_peers"], batch_size=2000)
    bulk_written(Assessment)


@dataclass
class Statistic:
    metric: str
    count: int
    q1: float
    median: float
    q3: float
    own: float | None
    percentile: float | None


class Distribution:
    """Values as sorted (value, count) pairs. Scores are rounded to 0.1, so a group of thousands of
    peers has at most a few hundred distinct values: small to store and quick to read."""

    def __init__(self, pairs):
        self.values = [value for value, _count in pairs]
        self.counts = [count for _value, count in pairs]
        self.cumulative = list(itertools.accumulate(self.counts))
        self.total = self.cumulative[-1] if self.cumulative else 0

    @classmethod
    def of(cls, values) -> "Distribution":
        return cls(sorted(Counter(values).items()))

    def pairs(self) -> list[list]:
        return [[value, count] for value, count in zip(self.values, self.counts, strict=True)]

    def with_value(self, value) -> "Distribution":
        """One more occurrence of `value`."""
        pairs = self.pairs()
        index = bisect.bisect_left(self.values, value)
        if index < len(pairs) and pairs[index][0] == value:
            pairs[index][1] += 1
        else:
            pairs.insert(index, [value, 1])
        return Distribution(pairs)

    def without(self, value) -> "Distribution":
        """One occurrence of `value` removed (the territory's own contribution)."""
        pairs = self.pairs()
        index = bisect.bisect_left(self.values, value) if value is not None else len(pairs)
        if index < len(pairs) and pairs[index][0] == value:
            pairs[index][1] -= 1
            if not pairs[index][1]:
                del pairs[index]
        return Distribution(pairs)

    def nth(self, index: int) -> float:
        """The index-th smallest value (0-based)."""
        return self.values[bisect.bisect_right(self.cumulative, index)]

    def quantile(self, share: float) -> float:
        """Like statistics.quantiles(method="inclusive"): linear between the two nearest ranks."""
        position = (self.total - 1) * share
        low = math.floor(position)
        fraction = position - low
        below = self.nth(low)
        return below + (self.nth(min(low + 1, self.total - 1)) - below) * fraction

    def percentile_of(self, value: float) -> int:
        """Share of values below `value`, ties counting half, in percent."""
        index = bisect.bisect_left(self.values, value)
        below = self.cumulative[index - 1] if index else 0
        equal = self.counts[index] if index < len(self.values) and self.values[index] == value else 0
        return round(100 * (below + equal / 2) / self.total)


def _statistic(metric: str, others: Distribution, own: float | None) -> Statistic | None:
    """Quartiles of the other peers' values; None when fewer than MIN_PEERS contribute."""
    if others.total < MIN_PEERS:
        return None
    q1, median, q3 = (round(others.quantile(share), 1) for share in (0.25, 0.5, 0.75))
    percentile = others.percentile_of(own) if own is not None else None
    return Statistic(metric, others.total, q1, median, q3, own, percentile)


def benchmark(assessment: Assessment, group: str, key: str = "") -> dict[str, Statistic]:
    """Statistics of one peer group for the assessment's metrics (only those with enough peers)."""
    own = metrics_of(assessment.overall_index, assessment.domain_scores, assessment.dimension_scores)
    if group == PeerGroup.SIMILAR:
        collected: dict[str, list[float]] = {}
        peers = _submitted(assessment.cycle).filter(territory_id__in=assessment.similar_peers)
        for overall, domains, dimensions in peers.values_list("overall_index", "domain_scores", "dimension_scores"):
            for metric, value in metrics_of(overall, domains, dimensions).items():
                collected.setdefault(metric, []).append(value)
        rows = [(metric, Distribution.of(values), False) for metric, values in collected.items()]
    else:
        statistics_rows = PeerStatistic.objects.filter(cycle=assessment.cycle, group=group, group_key=key)
        rows = [
            (metric, Distribution(pairs), True) for metric, pairs in statistics_rows.values_list("metric", "values")
        ]
    result = {}
    for metric, values, includes_own in rows:
        others = values.without(own.get(metric)) if includes_own else values
        statistic = _statistic(metric, others, own.get(metric))
        if statistic is not None:
            result[metric] = statistic
    return result


def available_groups(territory, networks) -> list[tuple[str, str, str]]:
    """(group, key, label) of the peer groups that apply to a territory; `networks` are its networks."""
    names = {str(network.pk): network.name for network in networks}
    result = []
    for group, keys in group_keys(territory, [network.pk for network in networks]).items():
        for key in keys:
            label = PeerGroup(group).label
            if group == PeerGroup.NETWORK:
                label = f"{label}: {names.get(key, key)}"
            result.append((group, key, str(label)))
    result.append((PeerGroup.SIMILAR, "", str(PeerGroup.SIMILAR.label)))
    return result
