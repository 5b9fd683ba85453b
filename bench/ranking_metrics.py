"""Ranking figures of the matching benchmark, on graded judgments {item: 2 | 1}.

- P@5: relevant items (grade 1 or 2) among the first five, divided by five.
- R@10: relevant items among the first ten, divided by min(number judged relevant, 10) — so a ranking
  that fills its ten places with relevant items scores 1 even when 30 relevant ones exist.
- nDCG@10: DCG with gain 2^grade − 1 and discount log2(rank + 1), divided by the DCG of the ideal
  ordering of all judged items.
- MRR: 1 / rank of the first relevant item within the first ten (0 if there is none).
"""

import math
import statistics

FIGURES = ("P@5", "R@10", "nDCG@10", "MRR")


def judged(expected) -> dict:
    """Judgments as {item: grade}; a plain list (experts, programmes) counts every item as grade 1."""
    if isinstance(expected, dict):
        return {item: grade for item, grade in expected.items() if grade > 0}
    return dict.fromkeys(expected, 1)


def _dcg(grades) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def figures(found: list, expected) -> dict | None:
    grades = judged(expected)
    if not grades:
        return None
    top = found[:10]
    hits = [grades.get(item, 0) for item in top]
    ideal = _dcg(sorted(grades.values(), reverse=True)[:10])
    first = next((rank for rank, grade in enumerate(hits, start=1) if grade), None)
    return {
        "P@5": sum(1 for grade in hits[:5] if grade) / 5,
        "R@10": sum(1 for grade in hits if grade) / min(len(grades), 10),
        "nDCG@10": _dcg(hits) / ideal,
        "MRR": 1 / first if first else 0.0,
    }


def mean_figures(rows: list) -> dict:
    rows = [row for row in rows if row is not None]
    if not rows:
        return {}
    return {name: statistics.mean(row[name] for row in rows) for name in FIGURES}
