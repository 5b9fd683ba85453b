"""Reads of networks and their members."""

from django.db.models import Count, Prefetch

from smartregion.territories.models import Territory

from .models import Network, NetworkMember


def visible_networks():
    return Network.objects.all()


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
