"""Rank catalog projects, experts and funding programmes for a need, a gap or a measure.

Every result carries the points of each signal (see weights.py) and a sentence in words that says
why it is there. Funding programmes pass the eligibility check first (a hard filter: Land,
applicant kind, population, open call, stacking with funding already used); the rest is relevance.
The rankings live in projects.py, experts.py and programmes.py; offerings beyond grants (advice, platforms,
labs …) pass their hard filters (Land, target group, not discontinued) in offerings.py.

A match is kept (core.freshness, ADR 0023) per query, day and language: it reads nothing of the person who
asks, and it is rebuilt on the next read after any model it reads changes (MATCH_DEPENDS_ON; a test checks
that the list names every table a match reads).
"""

from datetime import date

from smartregion.actors.models import Actor
from smartregion.core.freshness import Kept
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.offerings.models import Offering
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain, Keyword
from smartregion.territories.models import Territory

from .experts import match_actors
from .offerings import match_offerings
from .programmes import match_programmes
from .projects import match_projects
from .query import Excluded, Matches, MatchQuery, Result

__all__ = [
    "Excluded",
    "MatchQuery",
    "Matches",
    "Result",
    "match",
    "match_actors",
    "match_offerings",
    "match_programmes",
    "match_projects",
]


# Everything a match reads: the project catalogue and its match index (kept with the projects), the
# experts with their Handlungsfelder, keywords, regions and reference projects, the funding programmes
# with their deadlines, the offerings, the taxonomy and the territories (the asker's place and Kreise nearby).
MATCH_DEPENDS_ON = (Project, Actor, FundingProgramme, Deadline, Offering, Domain, Keyword, Territory)


def match(query: MatchQuery, *, today: date, limit: int = 10) -> Matches:
    """The ranked projects, experts, programmes and offerings for `query` (kept; see the module's note)."""
    return _kept_matches.get(
        query.text, tuple(query.domain_ids), query.territory, tuple(query.funding_used_ids), query.label, today, limit
    )


def _match(text, domain_ids, territory, funding_used_ids, label, today: date, limit: int) -> Matches:
    query = MatchQuery(
        text=text, domain_ids=domain_ids, territory=territory, funding_used_ids=funding_used_ids, label=label
    )
    programmes, excluded = match_programmes(query, today=today, limit=limit)
    return Matches(
        query=query,
        projects=match_projects(query, limit=limit),
        actors=match_actors(query, limit=limit),
        programmes=programmes,
        excluded_programmes=excluded,
        offerings=match_offerings(query, limit=limit),
    )


# A match takes 40 to 60 ms (ranking thousands of candidates); the pages that show one (the matching page,
# a need, a gap, an agenda's measure) are read far more often than the catalogue changes.
_kept_matches = Kept("matches", _match, depends_on=MATCH_DEPENDS_ON)
