"""Who may do what with actors. Reading the directory is public; contact fields follow their visibility."""

import rules

from smartregion.accounts.rules import is_any_coordinator, is_authenticated, is_expert, is_platform_admin


@rules.predicate
def is_own_profile(user, actor) -> bool:
    return actor is not None and is_authenticated(user) and actor.user_id == user.pk


is_curator = is_platform_admin | is_any_coordinator

rules.add_perm("actors.add_actor", is_curator | is_expert)
rules.add_perm("actors.change_actor", is_curator | is_own_profile)
rules.add_perm("actors.delete_actor", is_curator)
rules.add_perm("actors.view_hidden_contact", is_curator | is_own_profile)
