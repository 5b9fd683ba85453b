"""What the events app shows on pages of lower apps (core.sections): a territory's partnerships and the meetings
it hosts, the network page's upcoming events and partnerships, and the network page's link to the follow-ups.

The network page is what a coordinator opens most, signed in, so the visitor page cache never serves it. Its
events part is the same for everybody who sees the same events: it is rendered once per network, language and
audience (internal events only for the people in the network) and kept (core.freshness) until a network, an
event, a partnership or a territory changed; "upcoming" is re-read every EVENTS_WINDOW seconds, so an event that
has ended drops out within that time. Nothing user-specific (no CSRF token) goes into the kept HTML, and only
public agreements are linked (the events page links the others for those who may read them).
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smartregion.core.freshness import Kept
from smartregion.core.sections import Section
from smartregion.network.models import Network
from smartregion.territories.models import Territory

from . import queries
from .enums import EventAudience
from .models import Event, Partnership

EVENTS_WINDOW = 300
UPCOMING_EVENTS = 3
PARTNERSHIPS_SHOWN = 10


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
        template="events/includes/territory_section.html",
        context={
            "partnerships": partnerships,
            "hosted": hosted,
            "agreement_readable": readable,
            "agreement_changeable": changeable,
        },
    )


def network_events(request, network) -> Section:
    """The network page's upcoming events (with the internal ones for the people in the network) and partnerships."""
    sees_internal = request.user.has_perm("events.view_internal_events", network)
    window = int(timezone.now().timestamp()) // EVENTS_WINDOW
    return Section(
        key="veranstaltungen",
        title=_("Veranstaltungen"),
        template="events/includes/network_section.html",
        context={"html": _network_events.get(network, sees_internal, window)},
    )


def _render_network_events(network: Network, sees_internal: bool, window: int) -> SafeString:
    events = network.events.all() if sees_internal else network.events.filter(audience=EventAudience.PUBLIC)
    return render_to_string(
        "events/includes/network_events.html",
        {
            "network": network,
            "partnerships": list(network.partnerships.prefetch_related("partners")[:PARTNERSHIPS_SHOWN]),
            "upcoming_events": list(
                events.filter(ends_at__gte=timezone.now()).only(
                    "pk", "network", "title", "starts_at", "status", "audience"
                )[:UPCOMING_EVENTS]
            ),
        },
    )


_network_events = Kept(
    "network-events-section",
    _render_network_events,
    depends_on=(Network, Event, Partnership, Territory),
    seconds=3600,
)


def network_follow_ups(request, network) -> Section | None:
    """The link to the follow-ups of the network's events, for the people in the network."""
    if not request.user.has_perm("events.view_follow_ups", network):
        return None
    return Section(
        key="nachverfolgung",
        title=_("Nachverfolgung der Folgeaufgaben"),
        template="events/includes/network_follow_ups_link.html",
        context={"network": network},
    )


def network_calendar(networks) -> dict:
    """For the network API (core.helplinks "network_calendar"): each network's calendar file."""
    return {network.pk: reverse("events:list_ics", args=[network.slug]) for network in networks}
