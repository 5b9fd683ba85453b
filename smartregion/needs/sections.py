from django.utils.translation import gettext as _

from smartregion.core.sections import Section

from . import queries

SHOWN = 10


def territory_needs(request, territory) -> Section | None:
    """The territory's needs the visitor may see, and for its people the way to record one."""
    needs = list(queries.of_territory(territory, request.user)[: SHOWN + 1])
    can_add = request.user.has_perm("needs.add_need", territory)
    if not needs and not can_add:
        return None
    return Section(
        key="needs",
        title=_("Bedarfe"),
        template="needs/includes/territory_section.html",
        context={"needs": needs[:SHOWN], "more": len(needs) > SHOWN, "territory": territory, "can_add": can_add},
    )
