"""Rank catalog projects, experts and funding programmes for a need, a gap or a measure.

Every result carries the points of each signal (see weights.py) and a sentence in words that says
why it is there. Funding programmes pass the eligibility check first (a hard filter: Land,
applicant kind, population, open call, stacking with funding already used); the rest is relevance.
The rankings live in projects.py, experts.py and programmes.py; offerings beyond grants (advice, platforms,
labs …) pass their hard filters (Land, target group, not discontinued) in offerings.py.
"""

from datetime import date

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


def match(query: MatchQuery, *, today: date, limit: int = 10) -> Matches:
    programmes, excluded = match_programmes(query, today=today, limit=limit)
    return Matches(
        query=query,
        projects=match_projects(query, limit=limit),
        actors=match_actors(query, limit=limit),
        programmes=programmes,
        excluded_programmes=excluded,
        offerings=match_offerings(query, limit=limit),
    )
