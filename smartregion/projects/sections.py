from django.utils.translation import gettext as _

from smartregion.core.sections import Section

from . import queries


def territory_projects(request, territory) -> Section:
    projects = list(queries.projects_of_territory(territory, request.user, limit=10))
    return Section(
        key="projects",
        title=_("Projekte"),
        template="projects/includes/territory_section.html",
        context={"projects": projects, "territory": territory},
    )


def easy_read_catalog(request, page) -> Section | None:
    """The easy-read page on finding projects ends with the way to the catalogue."""
    if page != "projekte-finden":
        return None
    return Section(key="catalog", title=_("Zu den Projekten"), template="projects/includes/easy_read_catalog.html")


def network_duplicates_link(request, network) -> Section | None:
    """The network page's link to similar projects across its members, for its coordinators."""
    if not request.user.has_perm("network.view_reports", network):
        return None
    return Section(
        key="dubletten",
        title=_("Ähnliche Projekte im Netzwerk"),
        template="projects/includes/network_duplicates_link.html",
        context={"network": network},
    )
