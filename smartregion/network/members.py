"""The member list and member map of a network page, rendered once and kept until they change.

A network page is what a coordinator opens most, signed in, so the visitor page cache never
serves it. Its member table and map are the same for every coordinator of the network, though:
they are rendered once per network, language and view (with or without the remove buttons) and
kept per process until one aggregate query says the membership, a member territory, its Kreis or
the network itself changed. Nothing user-specific (no CSRF token) goes into the kept HTML.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartregion.core.caching import cache_key, held
from smartregion.territories.maps import SvgMap, build_map, land_outlines
from smartregion.territories.models import Territory

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
    if settings.PAGE_CACHE_SECONDS <= 0:  # caching switched off (tests): no version query either
        return _render(network, can_manage=can_manage)
    version = network.members.order_by().aggregate(
        member_count=Count("pk"),
        last_member=Max("pk"),
        territory_changed=Max("territory__updated_at"),
        kreis_changed=Max("territory__kreis__updated_at"),
    )
    key = cache_key(
        "network-members", network.pk, network.updated_at, can_manage, get_language(), tuple(version.values())
    )
    return held("pages", key, MEMBERS_SECONDS, lambda: _render(network, can_manage=can_manage))


def _render(network: Network, *, can_manage: bool) -> MembersPanel:
    members = queries.members_of(network)
    land_ids = {member.territory.land_id or member.territory.pk for member in members}
    land_keys = Territory.objects.filter(pk__in=land_ids).values_list("ars", flat=True)
    members_map = build_map(
        title=_("Karte der Mitglieder von %(name)s") % {"name": network.name},
        boundaries=land_outlines(set(land_keys)),
        points=[(m.territory.latitude, m.territory.longitude, m.territory.short_name) for m in members],
    )
    table = render_to_string(
        "network/includes/members_table.html", {"network": network, "members": members, "can_manage": can_manage}
    )
    return MembersPanel(count=len(members), table=table, map=members_map)
