"""What territories add to pages of lower apps (registered in apps.py)."""

from django.utils.translation import gettext as _

from smartregion.accounts.rules import has_no_role
from smartregion.core.sections import Section

from . import access_queries
from .models import TerritoryRole


def access_help(request, user) -> Section | None:
    """A person without any role learns on their profile how to get rights: through a territory's page."""
    if not has_no_role(user):
        return None
    return Section(
        key="access_help",
        title=_("So bekommen Sie Rechte für Ihre Kommune"),
        template="territories/includes/how_access_works.html",
    )


def roles_on_profile(request, user) -> Section | None:
    """The person's roles in territories, in the profile's list of roles."""
    roles = list(TerritoryRole.objects.filter(user=user).select_related("territory").order_by("territory__name"))
    if not roles:
        return None
    return Section(
        key="territory_roles",
        title=_("Rollen in Gebietskörperschaften"),
        template="territories/includes/profile_roles.html",
        context={"roles": roles},
    )


PROFILE_REQUESTS = 10


def access_on_profile(request, user) -> Section:
    """Requests for access the person asked or decides, and the way to the personal API keys."""
    can_view = user.has_perm("accounts.view_access_requests")
    return Section(
        key="access",
        title=_("Zugangsanfragen und API-Schlüssel"),
        template="territories/includes/profile_access.html",
        context={
            "my_access_requests": list(access_queries.requests_of(user)[:PROFILE_REQUESTS]),
            "can_view_access_requests": can_view,
            "open_requests_to_decide": access_queries.access_requests_for(user).count() if can_view else 0,
        },
    )
