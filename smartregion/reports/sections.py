from django.utils.translation import gettext as _

from smartregion.core.sections import Section


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
