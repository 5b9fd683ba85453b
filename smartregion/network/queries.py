"""Reads of networks and their members."""

from django.db.models import Count, Prefetch

from smartregion.territories import queries as territory_queries
from smartregion.territories.enums import TerritoryKind
from smartregion.territories.models import Territory

from .models import Network, NetworkMember

MEMBER_CANDIDATES = 20


def visible_networks():
    return Network.objects.all()


def with_members() -> list[Network]:
    """The networks with at least one member (what the network-wide analyses are built for)."""
    return list(Network.objects.filter(members__isnull=False).distinct().order_by("pk"))


def network_overview():
    return list(visible_networks().annotate(member_count=Count("members")).order_by("name"))


def get_detail(slug: str) -> Network:
    return visible_networks().select_related("land").get(slug=slug)


def members_of(network: Network):
    return list(
        NetworkMember.objects.filter(network=network)
        .select_related("territory", "territory__kreis", "territory__land")
        .order_by("territory__short_name")
    )


def coordinators_of(network: Network):
    return list(network.roles.select_related("user").order_by("user__full_name"))


def networks_of_territory(territory: Territory):
    return list(visible_networks().filter(members__territory=territory).order_by("name"))


def networks_with_members():
    return visible_networks().prefetch_related(
        Prefetch("members", queryset=NetworkMember.objects.select_related("territory"))
    )


def member_candidates(text: str, network: Network) -> list:
    """Territories a coordinator may mean by a name typed into "add member": the territory search's matches
    (exact name first), without gemeindefreie Gebiete and Länder, each marked whether it is a member already."""
    found = list(
        territory_queries.search(text)
        .exclude(kind__in=[TerritoryKind.GEMEINDEFREI, TerritoryKind.LAND])
        .select_related("kreis")[:MEMBER_CANDIDATES]
    )
    members = set(
        NetworkMember.objects.filter(network=network, territory__in=found).values_list("territory_id", flat=True)
    )
    for territory in found:
        territory.is_network_member = territory.pk in members
    return found
