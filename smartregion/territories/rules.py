import rules

from smartregion.accounts.rules import (
    is_coordinator_of_territory,
    is_platform_admin,
    is_territory_admin,
    is_territory_editor,
)


@rules.predicate
def is_alliance(user, territory) -> bool:
    return territory is not None and territory.is_alliance


rules.add_perm("territories.change_alliance", is_alliance & (is_platform_admin | is_coordinator_of_territory))
rules.add_perm("territories.delete_alliance", is_alliance & (is_platform_admin | is_coordinator_of_territory))
rules.add_perm("territories.invite_to_territory", is_platform_admin | is_territory_admin)
rules.add_perm("territories.view_team", is_platform_admin | is_territory_editor)
rules.add_perm(
    "territories.view_territory_history", is_platform_admin | is_territory_editor | is_coordinator_of_territory
)
