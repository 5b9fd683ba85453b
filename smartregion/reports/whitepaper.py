"""The coordinators' white paper of a network (issue 22): one document for the ministries, built from what the
platform already knows — the members' self-assessments (network dashboard), their needs and the funding gaps
with the coordinators' recommendations, look-alike projects across members (candidates for a shared service),
participation per member, and the members' projects others re-use.

Shared services (reports.shared_services): look-alike projects and measures of different territories of the
network, with the money their measures plan; partners (reports.partners): per member, members with the same open
need or gap and members that already solved it nearby.

`build` collects it once; the page, the PDF and the DOCX show the same `WhitePaper`.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from smartregion.assessments import dashboard as dashboard_module
from smartregion.matching.funding_gaps import funding_gaps
from smartregion.matching.models import GapGrouping
from smartregion.network import queries as network_queries
from smartregion.projects import queries as project_queries

from . import cooperation, shared_services

LAGGING = 3  # the Handlungsfelder named as lagging behind
COMMON_NEEDS = 10
SHARED_SERVICES = 8
EXAMPLES = 6
# A printed paper (PDF, DOCX) goes to ministries: its per-member tables list at most this many members (the most
# active, the richest in partners); the page in the hub lists all. 600 rows would be 60 pages nobody reads, and
# laying them out took most of the PDF's time.
PRINT_MEMBER_ROWS = 40


# A shared-service candidate: label, domain (Handlungsfeld), shared_terms, participants (name, projects, measures,
# money, money_label each), territories, projects and measures (title, url, lead_name, status_label, money),
# total and total_label ("keine Angabe" without any budget line).
SharedService = shared_services.Candidate


@dataclass
class WhitePaper:
    network: object
    today: date
    dashboard: object
    coordinators: list
    lagging: list = field(default_factory=list)  # dashboard.Average, lowest first
    common_needs: list = field(default_factory=list)  # dashboard.CommonGap
    gaps: object = None  # matching.funding_gaps.FundingGaps
    gap_groups: list = field(default_factory=list)  # by Handlungsfeld
    recommendations: list = field(default_factory=list)  # (group label, text)
    shared_services: list = field(default_factory=list)  # SharedService, most members first
    shared_services_more: int = 0  # candidates beyond the SHARED_SERVICES shown
    partners: list = field(default_factory=list)  # partners.Suggestions of the members with suggestions
    examples: list = field(default_factory=list)  # (project, number of re-uses)
    print_rows: int | None = None  # set on the printed paper (`printed`): rows per per-member table

    def printed(self) -> "WhitePaper":
        """The same paper for print: per-member tables cut to PRINT_MEMBER_ROWS, said below each."""
        return replace(self, print_rows=PRINT_MEMBER_ROWS)

    @property
    def member_activity(self) -> list:
        """Participation per member, most active first (all on the page)."""
        rows = self.dashboard.member_activity
        return rows[: self.print_rows] if self.print_rows else rows

    @property
    def member_activity_left_out(self) -> int:
        return len(self.dashboard.member_activity) - len(self.member_activity)

    @property
    def partner_rows(self) -> list:
        """Partners per member: in print, the members with the most partners and solvers nearby first."""
        if not self.print_rows:
            return self.partners
        ranked = sorted(self.partners, key=lambda item: -(len(item.partners) + len(item.solvers)))
        return ranked[: self.print_rows]

    @property
    def partners_left_out(self) -> int:
        return len(self.partners) - len(self.partner_rows)

    @property
    def domains_ranked(self) -> list:
        return sorted(
            (item for item in self.dashboard.domains if item.average is not None), key=lambda item: -item.average
        )

    @property
    def dimensions_ranked(self) -> list:
        return sorted(
            (item for item in self.dashboard.dimensions if item.average is not None), key=lambda item: -item.average
        )


def _examples(members: list, user) -> list:
    projects = list(project_queries.projects_of_territories(members, user))
    counts = project_queries.reuse_counts([project.pk for project in projects])
    ranked = sorted(projects, key=lambda project: (-counts.get(project.pk, 0), project.title))
    return [(project, counts.get(project.pk, 0)) for project in ranked[:EXAMPLES]]


def build(network, *, user, today: date, cycle: int | None = None) -> WhitePaper:
    board = dashboard_module.build(network, cycle, with_maps=True)  # the maps go into the paper
    members = [member.territory for member in network_queries.members_of(network)]
    paper = WhitePaper(
        network=network,
        today=today,
        dashboard=board,
        coordinators=[role.user.full_name for role in network_queries.coordinators_of(network) if role.user.full_name],
    )
    paper.lagging = sorted((item for item in board.domains if item.average is not None), key=lambda item: item.average)[
        :LAGGING
    ]
    paper.common_needs = board.common_gaps[:COMMON_NEEDS]
    paper.gaps = funding_gaps(network, today=today)
    paper.gap_groups = paper.gaps.groupings.get(GapGrouping.DOMAIN.value, [])
    paper.recommendations = [
        (group.label, group.recommendation.text)
        for groups in paper.gaps.groupings.values()
        for group in groups
        if group.recommendation is not None and group.recommendation.text.strip()
    ]
    together = cooperation.build(network)
    paper.shared_services = together.candidates[:SHARED_SERVICES]
    paper.shared_services_more = max(0, len(together.candidates) - SHARED_SERVICES)
    paper.partners = [item for item in together.suggestions if item.anything]
    paper.examples = _examples(members, user)
    return paper


def anything_to_say(paper: WhitePaper) -> bool:
    """False for a network with no member data at all (the page says what to do first)."""
    return bool(paper.dashboard.assessed_count or paper.gaps.need_count or paper.examples)
