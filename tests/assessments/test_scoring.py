"""Scores for hand-computed examples (the formula is documented in scoring.py and on the results page)."""

import pytest

from smartregion.assessments import scoring
from smartregion.assessments.enums import Priority


def test_cell_scores_are_quarters_of_a_hundred():
    assert [scoring.cell_score(level) for level in range(5)] == [0, 25, 50, 75, 100]


def test_domain_dimension_and_overall_index_by_hand():
    levels = [
        # Verwaltung: 4 and 2 -> (100 + 50) / 2 = 75
        ("verwaltung", "strategie", 4),
        ("verwaltung", "daten", 2),
        # Mobilität: 1 -> 25; its second cell is not relevant and counts nowhere
        ("mobilitaet", "strategie", 1),
        ("mobilitaet", "daten", None),
        # Bildung: nothing relevant -> no index at all
        ("bildung", "strategie", None),
    ]
    scores = scoring.compute(levels)
    assert scores.domains == {"verwaltung": 75.0, "mobilitaet": 25.0}
    # strategie: (100 + 25) / 2 = 62.5; daten: only Verwaltung's 50
    assert scores.dimensions == {"strategie": 62.5, "daten": 50.0}
    # overall = mean of the field indices, not of the cells: (75 + 25) / 2 = 50 (cells would give 58.3)
    assert scores.overall == 50.0


def test_nothing_relevant_gives_no_overall_index():
    assert scoring.compute([("verwaltung", "strategie", None)]).overall is None


class _Answer:
    def __init__(self, current, target, priority=Priority.MEDIUM, not_relevant=False, position=1):
        self.current_level, self.target_level, self.priority, self.not_relevant = (
            current,
            target,
            priority,
            not_relevant,
        )
        domain = type("D", (), {"position": position})()
        dimension = type("M", (), {"position": 1})()
        self.cell = type("C", (), {"domain": domain, "dimension": dimension})()


def test_gaps_are_weighted_by_priority_and_sorted():
    high = _Answer(1, 2, Priority.HIGH)  # gap 1 x 1.5 = 1.5
    medium = _Answer(0, 2, Priority.MEDIUM)  # gap 2 x 1 = 2
    low = _Answer(0, 3, Priority.LOW)  # gap 3 x 0.5 = 1.5, larger raw gap than `high`
    none = _Answer(3, 3)
    irrelevant = _Answer(None, None, not_relevant=True)
    gaps = scoring.gaps([high, medium, low, none, irrelevant])
    assert [(gap.answer, gap.weighted) for gap in gaps] == [(medium, 2.0), (low, 1.5), (high, 1.5)]


@pytest.mark.django_db
def test_submitted_assessment_stores_the_computed_scores(jena, editor):
    from smartregion.assessments import services

    assessment = services.start_assessment(territory=jena, cycle=2025, by=editor)
    assessment.answers.update(current_level=2, target_level=3)
    assessment.answers.filter(cell__domain__key="verwaltung").update(current_level=4)
    assessment.answers.filter(cell__domain__key="bildung").update(current_level=None, not_relevant=True)
    assessment = services.submit_assessment(assessment=assessment, by=editor)
    assert assessment.domain_scores["verwaltung"] == 100.0
    assert "bildung" not in assessment.domain_scores
    # ten fields at 50, one at 100: (10 * 50 + 100) / 11
    assert assessment.overall_index == round((10 * 50 + 100) / 11, 1)
    # each dimension: 10 cells at 50 and one at 100
    assert set(assessment.dimension_scores.values()) == {round((10 * 50 + 100) / 11, 1)}
