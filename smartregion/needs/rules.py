import rules

from smartregion.accounts.rules import (
    is_coordinator_of_territory,
    is_platform_admin,
    is_territory_editor,
)


@rules.predicate
def is_public_need(user, need) -> bool:
    return need is not None and need.is_public


@rules.predicate
def manages_territory(user, need_or_territory) -> bool:
    territory = getattr(need_or_territory, "territory", need_or_territory)
    return is_territory_editor(user, territory) or is_coordinator_of_territory(user, territory)


can_manage = is_platform_admin | manages_territory

rules.add_perm("needs.view_need", is_public_need | can_manage)
rules.add_perm("needs.add_need", can_manage)  # object: the territory
rules.add_perm("needs.change_need", can_manage)
rules.add_perm("needs.delete_need", can_manage)
rules.add_perm("needs.view_need_history", can_manage)
