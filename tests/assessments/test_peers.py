"""Peer statistics: the k≥5 rule, percentile ranks and the structurally similar group."""

import pytest

from smartregion.assessments import peers
from smartregion.assessments.enums import PeerGroup

from .conftest import submitted


@pytest.fixture
def admin(db):
    from ..factories import UserFactory

    return UserFactory(is_superuser=True)


def _kreis_group(assessment):
    return peers.benchmark(assessment, PeerGroup.KREIS, str(assessment.territory.kreis_id))


def test_four_peers_show_no_statistic_five_do(kreis_neighbours, admin):
    own = submitted(kreis_neighbours[0], level=2, by=admin)
    for territory, level in zip(kreis_neighbours[1:5], [0, 1, 3, 4], strict=True):
        submitted(territory, level=level, by=admin)
    peers.recompute()
    own.refresh_from_db()
    assert _kreis_group(own) == {}  # four other Gemeinden in the Kreis: nothing shown

    submitted(kreis_neighbours[5], level=4, by=admin)
    peers.recompute()
    statistic = _kreis_group(own)["gesamt"]
    assert statistic.count == 5
    # the others: 0, 25, 75, 100, 100 -> median 75, quartiles 25 and 100
    assert (statistic.q1, statistic.median, statistic.q3) == (25.0, 75.0, 100.0)
    # own 50: two of five lower -> 40th percentile
    assert statistic.percentile == 40


def test_recompute_reflects_new_submissions_and_excludes_drafts(kreis_neighbours, admin):
    from smartregion.assessments import services
    from smartregion.assessments.models import PeerStatistic

    for territory in kreis_neighbours[:6]:
        submitted(territory, level=2, by=admin)
    services.start_assessment(territory=kreis_neighbours[6], cycle=2025, by=admin)  # a draft
    peers.recompute()
    row = PeerStatistic.objects.get(
        cycle=2025, group=PeerGroup.KREIS, group_key=str(kreis_neighbours[0].kreis_id), metric="gesamt"
    )
    assert row.count == 6
    assert row.values == [[50.0, 6]]  # stored as a distribution of (value, count)


def test_structurally_similar_peers_are_nearest_by_population_density_urbanisation(db, admin):
    from smartregion.territories.models import Territory

    towns = list(Territory.objects.filter(kind="gemeinde", population__gt=0, density__gt=0).order_by("population"))
    small = towns[:8]
    large = towns[-8:]
    for territory in small + large:
        submitted(territory, level=1, by=admin)
    peers.recompute()
    smallest = small[0].assessments.get()
    assert len(smallest.similar_peers) == peers.SIMILAR_COUNT
    # the ten nearest of the smallest village include no big city
    assert not set(smallest.similar_peers) & {territory.pk for territory in large[-3:]}
    assert smallest.territory_id not in smallest.similar_peers
    statistic = peers.benchmark(smallest, PeerGroup.SIMILAR)["gesamt"]
    assert statistic.count == peers.SIMILAR_COUNT
    assert statistic.median == 25.0


def test_recomputing_twice_gives_the_same_rows(kreis_neighbours, admin):
    from smartregion.assessments.models import PeerStatistic

    for territory in kreis_neighbours[:5]:
        submitted(territory, level=3, by=admin)
    first = peers.recompute()
    second = peers.recompute()
    assert first == second == PeerStatistic.objects.count()


def test_distribution_matches_the_standard_library():
    import random
    import statistics

    generator = random.Random(7)
    for size in (5, 6, 11, 40, 333):
        values = [
            round(generator.choice([0, 12.5, 25, 50, 62.5, 75, 100]) + generator.random(), 1) for _ in range(size)
        ]
        distribution = peers.Distribution.of(values)
        expected = statistics.quantiles(values, n=4, method="inclusive")
        assert [round(distribution.quantile(share), 6) for share in (0.25, 0.5, 0.75)] == [
            round(v, 6) for v in expected
        ]
        own = values[0]
        below = sum(value < own for value in values)
        equal = values.count(own)
        assert distribution.percentile_of(own) == round(100 * (below + equal / 2) / size)
        assert distribution.without(own).total == size - 1


def test_recompute_after_one_submission_matches_a_full_recompute(db, kreis_neighbours, admin):
    from smartregion.assessments.models import PeerStatistic
    from smartregion.network import services as network_services

    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    for territory in kreis_neighbours[:3]:
        network_services.add_member(network, territory, by=admin)
    for level, territory in enumerate(kreis_neighbours[:7]):
        submitted(territory, level=level % 5, by=admin)
    peers.recompute()
    submitted(kreis_neighbours[1], level=4, cycle=2026, by=admin)  # the submission updates its groups
    partial = {(r.group, r.group_key, r.metric): r.values for r in PeerStatistic.objects.filter(cycle=2026)}
    peers.recompute()
    full = {(r.group, r.group_key, r.metric): r.values for r in PeerStatistic.objects.filter(cycle=2026)}
    assert partial == full and partial
    own = submitted(kreis_neighbours[7], level=2, by=admin)
    statistic = peers.benchmark(own, PeerGroup.KREIS, str(own.territory.kreis_id))["gesamt"]
    assert statistic.count == 7  # the seven earlier Gemeinden of the Kreis, without recomputing everything
