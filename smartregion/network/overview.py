"""What a network page shows of its network: the member table and map, the upcoming events, the
partnerships and the coordinators, rendered once and kept until one of them changes.

A network page is what a coordinator opens most, signed in, so the visitor page cache never serves
it. These parts are the same for every viewer, though: they are rendered once per network, language
and view (with or without the members' remove buttons) and kept (core.freshness) until a network, a
membership, a territory, an event, a partnership, a coordinator role, a user (the coordinators' names)
or a boundary (the map) changed; "upcoming" is re-read every EVENTS_WINDOW seconds, so an event that has ended
drops out within that time. Nothing user-specific (no CSRF token) goes into the kept HTML; internal events
are kept in a separate copy for the people in the network (`sees_internal`), and only public agreements are
linked (the events page links the others for those who may read them).
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smartregion.accounts.models import User
from smartregion.core.freshness import Kept
from smartregion.territories.maps import build_map, land_outlines
from smartregion.territories.models import Boundary, Territory

from . import queries
from .enums import EventAudience
from .models import Event, Network, NetworkMember, NetworkRole, Partnership

OVERVIEW_SECONDS = 3600
EVENTS_WINDOW = 300
UPCOMING_EVENTS = 3
PARTNERSHIPS_SHOWN = 10


@dataclass(frozen=True)
class NetworkOverview:
    member_count: int
    members_table: SafeString
    aside: SafeString  # events, partnerships, member map, coordinators


def overview(network: Network, *, can_manage: bool, sees_internal: bool) -> NetworkOverview:
    """The kept parts of `network`'s page; the member table has remove buttons for those who manage members;
    the upcoming events include the internal ones for those in the network."""
    window = int(timezone.now().timestamp()) // EVENTS_WINDOW
    return _overview.get(network, can_manage, sees_internal, window)


def _render(network: Network, can_manage: bool, sees_internal: bool, window: int) -> NetworkOverview:
    now = timezone.now()
    members = queries.members_of(network)
    territories = [member.territory for member in members]
    members_map = build_map(
        title=_("Karte der Mitglieder von %(name)s") % {"name": network.name},
        # The Länder of the members (a Land member is its own), from the rows already read.
        boundaries=land_outlines({(t.land if t.land_id else t).ars for t in territories}),
        points=[(t.latitude, t.longitude, t.short_name) for t in territories],
    )
    table = render_to_string(
        "network/includes/members_table.html", {"network": network, "members": members, "can_manage": can_manage}
    )
    aside = render_to_string(
        "network/includes/overview_aside.html",
        {
            "network": network,
            "members_map": members_map,
            "coordinators": queries.coordinators_of(network),
            "partnerships": list(network.partnerships.prefetch_related("partners")[:PARTNERSHIPS_SHOWN]),
            "upcoming_events": list(
                (network.events.all() if sees_internal else network.events.filter(audience=EventAudience.PUBLIC))
                .filter(ends_at__gte=now)
                .only("pk", "network", "title", "starts_at", "status", "audience")[:UPCOMING_EVENTS]
            ),
        },
    )
    return NetworkOverview(member_count=len(members), members_table=table, aside=aside)


_overview = Kept(
    "network-overview",
    _render,
    depends_on=(Network, NetworkMember, Territory, Boundary, Event, Partnership, NetworkRole, User),
    seconds=OVERVIEW_SECONDS,
)
