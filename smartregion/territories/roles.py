"""Roles in a territory (TerritoryRole): granting, withdrawing, and what accounts' rules read of them.

The predicates every app asks live in `accounts.rules`, below this app; they read the roles through the
`accounts.role_sources` registry, filled in `TerritoriesConfig.ready()` from here (ADR 0024).
"""

import logging

from django.db import transaction

from smartregion.accounts import role_sources
from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.accounts.rules import forget_roles

from .models import Territory, TerritoryRole

logger = logging.getLogger(__name__)


@transaction.atomic
def grant_territory_role(*, user, territory, role: str, by=None) -> TerritoryRole:
    if role not in TerritoryRoleKind.values:
        raise ValueError(f"unknown territory role {role!r}")
    membership, created = TerritoryRole.objects.get_or_create(
        user=user, territory=territory, defaults={"role": role, "granted_by": by}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.granted_by = by
        membership.save()
    forget_roles(user)
    return membership


@transaction.atomic
def revoke_territory_role(*, user, territory, by=None) -> None:
    for membership in TerritoryRole.objects.filter(user=user, territory=territory):
        membership._history_user = by
        membership.delete()
    forget_roles(user)


# --- What accounts reads (accounts.role_sources) --------------------------------------------------------------


def roles_of(user) -> dict[int, str]:
    return dict(TerritoryRole.objects.filter(user=user).values_list("territory_id", "role"))


def target_id(key: str) -> int | None:
    """The territory a group of the identity provider names: by ARS, else by the AGS of exactly one territory."""
    ids = list(Territory.objects.filter(code=key).values_list("pk", flat=True))
    if not ids:
        ids = list(Territory.objects.filter(ags=key, alliance_type="").values_list("pk", flat=True)[:2])
    if len(ids) == 1:
        return ids[0]
    logger.warning("OIDC_ROLE_MAPPING: territory %s matches %d territories; role not granted", key, len(ids))
    return None


def role_row(user, territory_id: int) -> TerritoryRole | None:
    return TerritoryRole.objects.filter(user=user, territory_id=territory_id).first()


def create_role(user, territory_id: int, role: str) -> None:
    TerritoryRole.objects.create(user=user, territory_id=territory_id, role=role)


def remove_roles(user, territory_id: int, role: str) -> None:
    for membership in TerritoryRole.objects.filter(user=user, territory_id=territory_id, role=role):
        membership.delete()


def people_of(territory_ids) -> dict[int, list]:
    """territory id → the active accounts with a role in it (editors and admins), in one query."""
    people: dict[int, list] = {territory_id: [] for territory_id in territory_ids}
    roles = TerritoryRole.objects.filter(
        territory_id__in=list(people), role__in=TerritoryRoleKind.values, user__is_active=True
    ).select_related("user")
    for role in roles.order_by("pk"):
        people[role.territory_id].append(role.user)
    return people


def territory_has_admins(territory_id: int) -> bool:
    return TerritoryRole.objects.filter(
        territory_id=territory_id, role=TerritoryRoleKind.ADMIN, user__is_active=True
    ).exists()


def register() -> None:
    role_sources.register(
        role_sources.RoleKind(
            kind="territory",
            roles_of=roles_of,
            target_id=target_id,
            role_row=role_row,
            create_role=create_role,
            remove_roles=remove_roles,
        )
    )
    role_sources.register_administrators(role_sources.Administrators(territory_has_admins=territory_has_admins))
