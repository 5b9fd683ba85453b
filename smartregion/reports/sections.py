from django.utils.translation import gettext as _

from smartregion.core.sections import Section

from . import cooperation


def network_whitepaper(request, network) -> Section | None:
    """The link to the network's white paper, for those who may read its reports (coordinators, platform
    admins)."""
    if not request.user.has_perm("network.view_reports", network):
        return None
    return Section(
        key="whitepaper",
        title=_("Weißbuch"),
        template="reports/includes/network_section.html",
        context={"network": network},
    )


def dashboard_cooperation(request, network) -> Section | None:
    """Shared-service candidates and partners per member, on the network dashboard (its coordinators and
    platform admins)."""
    if not request.user.has_perm("assessments.view_dashboard", network):
        return None
    return Section(
        key="cooperation",
        title=_("Gemeinsame Dienste und Kooperation"),
        template="reports/includes/dashboard_section.html",
        context={"html": cooperation.section_html(network)},
    )
