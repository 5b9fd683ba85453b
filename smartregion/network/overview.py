"""What a network page shows of its network: the member table and map, the upcoming events, the
partnerships and the coordinators, rendered once and kept until one of them changes.

A network page is what a coordinator opens most, signed in, so the visitor page cache never serves
it. These parts are the same for every viewer, though: they are rendered once per network, language
and view (with or without the members' remove buttons) and kept until `version` says the
membership, a member territory or its Kreis, an event, a partnership, a coordinator or the network
itself changed; "upcoming" is re-read every EVENTS_WINDOW seconds, so an event that has ended
drops out within that time. Nothing user-specific (no CSRF token) goes into the kept HTML; internal events
are kept in a separate copy for the people in the network (`sees_internal`), and only public agreements are
linked (the events page links the others for those who may read them).
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smartregion.accounts.models import NetworkRole
from smartregion.core.caching import kept
from smartregion.territories.maps import build_map, land_outlines
from smartregion.territories.models import Territory

from . import queries
from .enums import EventAudience
from .models import Event, Network, NetworkMember, Partnership

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
    now = timezone.now()
    return kept(
        "network-overview",
        (network.pk, network.updated_at, can_manage, sees_internal, int(now.timestamp()) // EVENTS_WINDOW),
        lambda: version(network),
        OVERVIEW_SECONDS,
        lambda: _render(network, can_manage=can_manage, sees_internal=sees_internal, now=now),
    )


@cache
def _version_sql() -> str:
    """Four rows (count, largest id, latest changes) in one statement; table names from the models."""
    member, territory, role = NetworkMember._meta.db_table, Territory._meta.db_table, NetworkRole._meta.db_table
    event, partnership = Event._meta.db_table, Partnership._meta.db_table
    partners = Partnership.partners.through._meta.db_table
    return (
        f"SELECT COUNT(*), MAX(m.id), MAX(t.updated_at), MAX(k.updated_at) FROM {member} m "  # noqa: S608  # nosec B608 - table names from _meta
        f"JOIN {territory} t ON t.id = m.territory_id LEFT JOIN {territory} k ON k.id = t.kreis_id "
        "WHERE m.network_id = %s "
        f"UNION ALL SELECT COUNT(*), MAX(id), MAX(updated_at), NULL FROM {event} WHERE network_id = %s "
        f"UNION ALL SELECT COUNT(DISTINCT p.id), COUNT(x.territory_id), MAX(p.updated_at), MAX(t.updated_at) "
        f"FROM {partnership} p LEFT JOIN {partners} x ON x.partnership_id = p.id "
        f"LEFT JOIN {territory} t ON t.id = x.territory_id WHERE p.network_id = %s "
        f"UNION ALL SELECT COUNT(*), MAX(id), MAX(updated_at), NULL FROM {role} WHERE network_id = %s"
    )


def version(network: Network) -> tuple:
    """Changes with every member added or removed, a member territory or its Kreis renamed, an event,
    partnership or coordinator added, changed or removed. One query: on every page view."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [network.pk] * 4)
        return tuple(cursor.fetchall())


def _render(network: Network, *, can_manage: bool, sees_internal: bool, now) -> NetworkOverview:
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
