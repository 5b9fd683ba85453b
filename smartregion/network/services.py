"""Writes with behaviour on networks: members, alliances created inside a network."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from smartregion.core.concurrency import save_revision
from smartregion.territories import services as territory_services

from .models import Network, NetworkMember


@transaction.atomic
def create_network(
    *, name: str, by=None, slug: str = "", description: str = "", organisation: str = "", land=None, website: str = ""
) -> Network:
    network = Network(
        name=name,
        slug=slug or slugify(name)[:80],
        description=description,
        organisation=organisation,
        land=land,
        website=website,
    )
    network._history_user = by
    network.save()
    return network


@transaction.atomic
def update_network(network: Network, *, expected_revision: int, by, **values) -> Network:
    for name, value in values.items():
        setattr(network, name, value)
    network._history_user = by
    return save_revision(network, expected_revision=expected_revision, fields=list(values))


@transaction.atomic
def add_member(network: Network, territory, *, by=None, joined_on=None) -> NetworkMember:
    member, created = NetworkMember.objects.get_or_create(
        network=network, territory=territory, defaults={"joined_on": joined_on or timezone.localdate()}
    )
    if created:
        member._history_user = by
    return member


@transaction.atomic
def remove_member(network: Network, territory, *, by=None) -> None:
    for member in NetworkMember.objects.filter(network=network, territory=territory):
        member._history_user = by
        member.delete()


@transaction.atomic
def create_alliance_in_network(network: Network, *, by, **alliance_values):
    """A coordinator creates a Verbund; it becomes a member of the coordinator's network."""
    alliance = territory_services.create_alliance(by=by, **alliance_values)
    add_member(network, alliance, by=by)
    return alliance
