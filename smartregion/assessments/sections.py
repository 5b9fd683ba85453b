from django.utils.translation import gettext as _

from smartregion.core.sections import Section

from . import queries


def territory_assessment(request, territory) -> Section | None:
    """The latest assessment the visitor may see, and for editors the way to start one."""
    assessments = list(
        queries.of_territory(territory, request.user).only("territory_id", "cycle", "status", "overall_index")[:5]
    )
    can_start = request.user.has_perm("assessments.start_assessment", territory)
    if not assessments and not can_start:
        return None
    return Section(
        key="assessment",
        title=_("Selbsteinschätzung"),
        template="assessments/includes/territory_section.html",
        context={"assessments": assessments, "territory": territory, "can_start": can_start},
    )


def network_dashboard_link(request, network) -> Section | None:
    if not request.user.has_perm("assessments.view_dashboard", network):
        return None
    return Section(
        key="dashboard",
        title=_("Reifegrad der Mitglieder"),
        template="assessments/includes/network_section.html",
        context={"network": network},
    )
