"""Shared services and cooperation in a network (issue 22): the shared-service candidates (shared_services) and
the suggested partners per member (partners), built once from the same scope for the network dashboard and the
white paper.

The dashboard shows them as a part of its own, rendered once and kept (core.freshness) until a row they are
built from changes: every coordinator sees the same, and a network of 600 members has hundreds of rows.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from smartregion.agendas.models import Agenda, Measure, MeasureBudget
from smartregion.assessments.models import Assessment, Cell
from smartregion.core.freshness import Kept
from smartregion.needs.models import Need
from smartregion.network.models import NetworkMember
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import AllianceMember, Territory

from .network_scope import scope_of
from .partners import suggestions
from .shared_services import candidates

SECTION_TEMPLATE = "reports/includes/cooperation.html"
CANDIDATES_SHOWN = 10  # on the dashboard; the white paper names its own number


@dataclass
class Cooperation:
    candidates: list  # shared_services.Candidate
    suggestions: list  # partners.Suggestions, one per member with an open need or a shared gap

    @property
    def suggested_count(self) -> int:
        return sum(1 for item in self.suggestions if item.anything)


def _build(network) -> Cooperation:
    scope = scope_of(network)
    return Cooperation(candidates(scope), suggestions(scope))


DEPENDS_ON = (
    NetworkMember,
    Territory,
    AllianceMember,
    Project,
    Project.keywords.through,
    Project.domains.through,
    Agenda,
    Measure,
    Measure.domains.through,
    MeasureBudget,
    Need,
    Need.domains.through,
    Assessment,
    Cell,
    Domain,
)
_cooperation = Kept("network-cooperation", _build, depends_on=DEPENDS_ON)


def build(network) -> Cooperation:
    """The network's candidates and suggestions, kept until a row they are built from changes."""
    return _cooperation.get(network)


def _render(network) -> str:
    cooperation = build(network)
    return render_to_string(
        SECTION_TEMPLATE,
        {
            "cooperation": cooperation,
            "candidates": cooperation.candidates[:CANDIDATES_SHOWN],
            "more": max(0, len(cooperation.candidates) - CANDIDATES_SHOWN),
        },
    )


_section = Kept("network-cooperation-section", _render, depends_on=DEPENDS_ON)


def section_html(network) -> str:
    """The dashboard's part on shared services and partners, as HTML (nothing in it depends on the viewer)."""
    return _section.get(network)
