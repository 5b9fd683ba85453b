"""What a network page shows of its network: the member table, the map and the coordinators, rendered once
and kept until one of them changes (the upcoming events and partnerships are the events app's section).

A network page is what a coordinator opens most, signed in, so the visitor page cache never serves
it. These parts are the same for every viewer, though: they are rendered once per network, language
and view (with or without the members' remove buttons) and kept (core.freshness) until a network, a
membership, a territory, a coordinator role, a user (the coordinators' names) or a boundary (the map)
changed. Nothing user-specific (no CSRF token) goes into the kept HTML.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smartregion.accounts.models import User
from smartregion.core.freshness import Kept
from smartregion.territories.maps import build_map, land_outlines
from smartregion.territories.models import Boundary, Territory

from . import queries
from .models import Network, NetworkMember, NetworkRole

OVERVIEW_SECONDS = 3600


@dataclass(frozen=True)
class NetworkOverview:
    member_count: int
    members_table: SafeString
    aside: SafeString  # member map, coordinators


def overview(network: Network, *, can_manage: bool) -> NetworkOverview:
    """The kept parts of `network`'s page; the member table has remove buttons for those who manage members."""
    return _overview.get(network, can_manage)


def _render(network: Network, can_manage: bool) -> NetworkOverview:
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
        },
    )
    return NetworkOverview(member_count=len(members), members_table=table, aside=aside)


_overview = Kept(
    "network-overview",
    _render,
    depends_on=(Network, NetworkMember, Territory, Boundary, NetworkRole, User),
    seconds=OVERVIEW_SECONDS,
)
