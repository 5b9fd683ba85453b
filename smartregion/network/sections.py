from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.core.sections import Section

from . import queries
from .models import Event, NetworkRole, Partnership


def territory_cooperation(request, territory) -> Section | None:
    """A territory's partnerships and the network meetings it hosts (nothing shown if it has neither)."""
    partnerships = list(
        Partnership.objects.filter(partners=territory).select_related("network").prefetch_related("partners")[:20]
    )
    hosted = list(
        queries.visible_events(request.user, Event.objects.filter(host=territory, ends_at__gte=timezone.now()))
        .select_related("network")
        .only("pk", "title", "starts_at", "status", "network__slug", "network__name")[:5]
    )
    if not partnerships and not hosted:
        return None
    readable, changeable = queries.agreement_permissions(request.user, partnerships)
    return Section(
        key="kooperation",
        title=_("Partnerschaften und Netzwerktreffen"),
        template="network/includes/territory_section.html",
        context={
            "partnerships": partnerships,
            "hosted": hosted,
            "agreement_readable": readable,
            "agreement_changeable": changeable,
        },
    )


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
