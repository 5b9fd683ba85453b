import rules

from smartregion.accounts.rules import is_any_coordinator, is_platform_admin, is_territory_editor

curator = is_platform_admin | is_any_coordinator


@rules.predicate
def is_published(user, obj) -> bool:
    return obj is None or getattr(obj, "published", True)


# Guides and recommendations: read by everybody once published; written by coordinators and admins.
rules.add_perm("toolkit.view_guide", is_published | curator)
rules.add_perm("toolkit.add_guide", curator)
rules.add_perm("toolkit.change_guide", curator)
rules.add_perm("toolkit.add_recommendation", curator)
rules.add_perm("toolkit.change_recommendation", curator)
# A Bestandsaufnahme is the working list of a territory's editors (object: the territory).
rules.add_perm("toolkit.change_stocktake", is_territory_editor | is_platform_admin)
