"""The member list and member map of a network page, rendered once and kept until they change.

A network page is what a coordinator opens most, signed in, so the visitor page cache never
serves it. Its member table and map are the same for every coordinator of the network, though:
they are rendered once per network, language and view (with or without the remove buttons) and
kept until one aggregate query says the membership, a member territory, its Kreis or the network
itself changed. Nothing user-specific (no CSRF token) goes into the kept HTML.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smartregion.core.caching import kept, table_version
from smartregion.territories.maps import SvgMap, build_map, land_outlines

from . import queries
from .models import Network

MEMBERS_SECONDS = 3600


@dataclass(frozen=True)
class MembersPanel:
    count: int
    table: SafeString
    map: SvgMap


def members_panel(network: Network, *, can_manage: bool) -> MembersPanel:
    """The member table (with remove buttons for those who manage members) and map of `network`."""
    return kept(
        "network-members",
        (network.pk, network.updated_at, can_manage),
        lambda: table_version(
            network.members.order_by(), "pk", "territory__updated_at", "territory__kreis__updated_at"
        ),
        MEMBERS_SECONDS,
        lambda: _render(network, can_manage=can_manage),
    )


def _render(network: Network, *, can_manage: bool) -> MembersPanel:
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
    return MembersPanel(count=len(members), table=table, map=members_map)
