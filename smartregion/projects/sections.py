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
