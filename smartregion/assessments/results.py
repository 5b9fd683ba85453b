"""Everything the results page, its exports and the territory section show, assembled once."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from smartregion.core.helplinks import help_for
from smartregion.taxonomy.models import Domain

from . import charts, peers, queries, scoring
from .matrix import MatrixFileError, carry_levels
from .models import Answer, Assessment, Cell


@dataclass
class Row:
    key: str
    number: int
    label: str
    own: float | None
    statistic: peers.Statistic | None = None


@dataclass
class HistoryPoint:
    cycle: int
    overall: float | None
    converted_from: str = ""


@dataclass
class Results:
    assessment: Assessment
    overall: Row
    domains: list[Row]
    dimensions: list[Row]
    radar: charts.Radar
    gaps: list[scoring.Gap]
    answers: list[Answer]
    history: list[HistoryPoint] = field(default_factory=list)
    group: str = ""
    group_key: str = ""
    groups: list = field(default_factory=list)
    peer_count: int = 0


def _rows(prefix: str, entries, own: dict, statistics: dict) -> list[Row]:
    return [
        Row(key, number, label, own.get(key), statistics.get(f"{prefix}:{key}"))
        for number, (key, label) in enumerate(entries, start=1)
    ]


def build(assessment: Assessment, user, *, group: str = "", group_key: str = "", benchmark: bool = True) -> Results:
    """Scores, radar and gaps of an assessment; with `benchmark`, also the peer statistics (of `group`,
    or of the smallest group with enough peers) and the history of the territory's cycles."""
    answers = list(queries.answers_for_results(assessment, scores_only=not benchmark))
    if assessment.is_submitted:
        own_domains, own_dimensions, overall = (
            assessment.domain_scores,
            assessment.dimension_scores,
            assessment.overall_index,
        )
    else:
        scores = scoring.compute(scoring.levels_of(answers))
        own_domains, own_dimensions, overall = scores.domains, scores.dimensions, scores.overall
    statistics, groups = {}, []
    if benchmark:
        groups = peers.available_groups(assessment.territory, queries.networks_of(assessment.territory))
        statistics, group, group_key = _comparison(assessment, groups, group, group_key)
    domains = [(domain.key, domain.label) for domain in Domain.objects.active()]
    dimensions = [(dimension.key, dimension.label) for dimension in assessment.matrix.dimensions.order_by("position")]
    domain_rows = _rows("feld", domains, own_domains, statistics)
    overall_statistic = statistics.get("gesamt")
    radar = charts.radar(
        labels=[str(row.number) for row in domain_rows],
        own=[row.own for row in domain_rows],
        peer=[row.statistic.median if row.statistic else None for row in domain_rows],
        title=(
            _("Index je Handlungsfeld: %(territory)s %(cycle)s und Median der Vergleichsgruppe")
            if benchmark
            else _("Index je Handlungsfeld: %(territory)s %(cycle)s")
        )
        % {"territory": assessment.territory.short_name, "cycle": assessment.cycle},
    )
    return Results(
        assessment=assessment,
        overall=Row("gesamt", 0, _("Gesamtindex"), overall, overall_statistic),
        domains=domain_rows,
        dimensions=_rows("dimension", dimensions, own_dimensions, statistics),
        radar=radar,
        gaps=_with_solution_links(scoring.gaps(answers)),
        answers=answers,
        history=history(assessment, user) if benchmark else [],
        group=group,
        group_key=group_key,
        groups=groups,
        peer_count=overall_statistic.count if overall_statistic else 0,
    )


def _with_solution_links(gaps: list) -> list:
    """Each gap links to its solutions, provided by the matching app (a higher layer); none without it."""
    links = help_for("gap_solutions", gaps)
    for gap in gaps:
        gap.solutions_url = links.get(gap.answer.cell_id, "")
    return gaps


def _comparison(assessment: Assessment, groups, group: str, group_key: str):
    """(statistics, group, group key): of the chosen group, or of the first (smallest) with enough peers."""
    if not assessment.is_submitted:
        return {}, group, group_key
    if group:
        return peers.benchmark(assessment, group, group_key), group, group_key
    for candidate, candidate_key, _label in groups:
        statistics = peers.benchmark(assessment, candidate, candidate_key)
        if statistics:
            return statistics, candidate, candidate_key
    return ({}, groups[0][0], groups[0][1]) if groups else ({}, "", "")


def history(assessment: Assessment, user) -> list[HistoryPoint]:
    """The overall index of every submitted cycle; cycles on another matrix version are converted."""
    points = []
    for earlier in queries.history_of(assessment, user):
        if earlier.matrix_id == assessment.matrix_id:
            points.append(HistoryPoint(earlier.cycle, earlier.overall_index))
            continue
        levels = {
            answer.cell_id: None if answer.not_relevant else answer.current_level
            for answer in Answer.objects.filter(assessment=earlier)
        }
        try:
            carried = carry_levels(levels, earlier.matrix, assessment.matrix)
        except MatrixFileError:  # an unrelated version line: show the stored figure
            points.append(HistoryPoint(earlier.cycle, earlier.overall_index))
            continue
        cells = Cell.objects.filter(pk__in=carried).select_related("domain", "dimension")
        scores = scoring.compute((cell.domain.key, cell.dimension.key, carried[cell.pk]) for cell in cells)
        points.append(HistoryPoint(earlier.cycle, scores.overall, earlier.matrix.version))
    return points
