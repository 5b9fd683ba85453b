from django.utils.translation import gettext as _

from smartregion.core.sections import Section

from .models import NetworkRole


def roles_on_profile(request, user) -> Section | None:
    """The networks the person coordinates, in the profile's list of roles."""
    roles = list(NetworkRole.objects.filter(user=user).select_related("network").order_by("network__name"))
    if not roles:
        return None
    return Section(
        key="network_roles",
        title=_("Rollen in Netzwerken"),
        template="network/includes/profile_roles.html",
        context={"roles": roles},
    )
