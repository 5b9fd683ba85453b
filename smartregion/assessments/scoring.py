"""Scores of an assessment: explainable, documented on the results page and in docs/adr/0010.

- Cell score = level ÷ 4 × 100 (level 0 → 0, level 2 → 50, level 4 → 100).
- Handlungsfeld index = mean of the cell scores of its relevant cells.
- Dimension index = mean of the cell scores of the relevant cells in that dimension (across fields).
- Overall index = mean of the Handlungsfeld indices (every field with at least one relevant
  cell counts once, however many cells it has).
- "Not relevant for us" cells are left out everywhere; a field with no relevant cell has no index.
- Gap of a cell = target level − current level (only when positive); weighted gap = gap × the
  weight of the cell's priority (low 0.5, medium 1, high 1.5). The gap list is sorted by weighted
  gap, then by the size of the gap.
"""

from dataclasses import dataclass
from statistics import fmean

from .enums import MAX_LEVEL, PRIORITY_WEIGHT


@dataclass
class Scores:
    overall: float | None
    domains: dict[str, float]
    dimensions: dict[str, float]


@dataclass
class Gap:
    answer: object
    current: int
    target: int
    weight: float

    @property
    def size(self) -> int:
        return self.target - self.current

    @property
    def weighted(self) -> float:
        return round(self.size * self.weight, 2)


def cell_score(level: float) -> float:
    return level / MAX_LEVEL * 100


def compute(levels) -> Scores:
    """`levels`: (domain key, dimension key, level or None for "not relevant") for each answered cell."""
    by_domain: dict[str, list[float]] = {}
    by_dimension: dict[str, list[float]] = {}
    for domain_key, dimension_key, level in levels:
        if level is None:
            continue
        score = cell_score(level)
        by_domain.setdefault(domain_key, []).append(score)
        by_dimension.setdefault(dimension_key, []).append(score)
    domains = {key: round(fmean(values), 1) for key, values in by_domain.items()}
    dimensions = {key: round(fmean(values), 1) for key, values in by_dimension.items()}
    overall = round(fmean(domains.values()), 1) if domains else None
    return Scores(overall, domains, dimensions)


def levels_of(answers):
    """The (domain, dimension, level) triples of answers (with cell, domain and dimension loaded)."""
    for answer in answers:
        if answer.not_relevant:
            yield answer.cell.domain.key, answer.cell.dimension.key, None
        elif answer.current_level is not None:
            yield answer.cell.domain.key, answer.cell.dimension.key, answer.current_level


def gaps(answers) -> list[Gap]:
    result = [
        Gap(answer, answer.current_level, answer.target_level, PRIORITY_WEIGHT[answer.priority])
        for answer in answers
        if not answer.not_relevant
        and answer.current_level is not None
        and answer.target_level is not None
        and answer.target_level > answer.current_level
    ]
    result.sort(
        key=lambda gap: (
            -gap.weighted,
            -gap.size,
            gap.answer.cell.domain.position,
            gap.answer.cell.dimension.position,
        )
    )
    return result
