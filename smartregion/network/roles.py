"""Roles in a network (NetworkRole): granting, withdrawing, and what accounts' rules read of them and of
the network's members.

The predicates every app asks live in `accounts.rules`, below this app; they read coordinators and
memberships through the `accounts.role_sources` registry, filled in `NetworkConfig.ready()` from here (ADR 0024).
"""

from django.db import transaction

from smartregion.accounts import role_sources
from smartregion.accounts.enums import NetworkRoleKind
from smartregion.accounts.models import User
from smartregion.accounts.rules import forget_roles

from .models import Network, NetworkMember, NetworkRole


@transaction.atomic
def grant_network_role(*, user, network, by=None) -> NetworkRole:
    membership, _created = NetworkRole.objects.get_or_create(
        user=user, network=network, defaults={"role": NetworkRoleKind.COORDINATOR, "granted_by": by}
    )
    forget_roles(user)
    return membership


@transaction.atomic
def revoke_network_role(*, user, network, by=None) -> None:
    for membership in NetworkRole.objects.filter(user=user, network=network):
        membership._history_user = by
        membership.delete()
    forget_roles(user)


# --- What accounts reads (accounts.role_sources) --------------------------------------------------------------


def roles_of(user) -> dict[int, str]:
    return dict(NetworkRole.objects.filter(user=user).values_list("network_id", "role"))


def target_id(key: str) -> int | None:
    """The network a group of the identity provider names, by its slug."""
    return Network.objects.filter(slug=key).values_list("pk", flat=True).first()


def role_row(user, network_id: int) -> NetworkRole | None:
    return NetworkRole.objects.filter(user=user, network_id=network_id).first()


def create_role(user, network_id: int, role: str) -> None:
    NetworkRole.objects.create(user=user, network_id=network_id, role=role)


def remove_roles(user, network_id: int, role: str) -> None:
    for membership in NetworkRole.objects.filter(user=user, network_id=network_id, role=role):
        membership.delete()


def territories_of_networks(network_ids):
    return NetworkMember.objects.filter(network_id__in=network_ids).values("territory_id")


def networks_of_territories(territory_ids):
    return NetworkMember.objects.filter(territory_id__in=territory_ids).values_list("network_id", flat=True)


def coordinators_of_territory(territory):
    return User.objects.filter(network_roles__network__members__territory=territory).distinct()


def register() -> None:
    role_sources.register(
        role_sources.RoleKind(
            kind="network",
            roles_of=roles_of,
            target_id=target_id,
            role_row=role_row,
            create_role=create_role,
            remove_roles=remove_roles,
        )
    )
    role_sources.register_memberships(
        role_sources.Memberships(
            territories_of_networks=territories_of_networks,
            networks_of_territories=networks_of_territories,
            coordinators_of_territory=coordinators_of_territory,
        )
    )
