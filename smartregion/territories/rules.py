import rules

from smartregion.accounts.rules import (
    decides_access_to,
    is_authenticated,
    is_coordinator_of_territory,
    is_platform_admin,
    is_territory_admin,
    is_territory_editor,
)


@rules.predicate
def is_alliance(user, territory) -> bool:
    return territory is not None and territory.is_alliance


@rules.predicate
def is_current(user, territory) -> bool:
    """In the current register (or an alliance that was not deleted)."""
    return territory is not None and territory.is_active and not territory.is_deleted


rules.add_perm("territories.change_alliance", is_alliance & (is_platform_admin | is_coordinator_of_territory))
rules.add_perm("territories.delete_alliance", is_alliance & (is_platform_admin | is_coordinator_of_territory))
rules.add_perm("territories.invite_to_territory", is_platform_admin | is_territory_admin)
rules.add_perm("territories.view_team", is_platform_admin | is_territory_editor)
rules.add_perm(
    "territories.view_territory_history", is_platform_admin | is_territory_editor | is_coordinator_of_territory
)
# Requests for access (ADR 0021): signed-in people without a role here ask; the one rule decides.
rules.add_perm("territories.request_access", is_authenticated & is_current & ~is_platform_admin & ~is_territory_editor)
rules.add_perm("territories.decide_access", decides_access_to)
rules.add_perm("territories.change_website", is_platform_admin | is_territory_admin)
