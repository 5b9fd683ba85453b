import rules

from smartregion.accounts.rules import is_coordinator_of_territory, is_platform_admin, is_territory_editor

from .enums import Access


@rules.predicate
def is_open(user, dataset) -> bool:
    return dataset is not None and dataset.access == Access.OPEN


@rules.predicate
def edits_territory(user, obj) -> bool:
    territory = getattr(obj, "territory", obj)
    return is_territory_editor(user, territory)


@rules.predicate
def coordinates_territory(user, obj) -> bool:
    return is_coordinator_of_territory(user, getattr(obj, "territory", obj))


# Open datasets are public; restricted and internal ones are seen by the territory and its coordinators.
rules.add_perm("opendata.view_dataset", is_open | edits_territory | coordinates_territory | is_platform_admin)
# The object of these is the territory (add) or the dataset (change).
rules.add_perm("opendata.add_dataset", edits_territory | is_platform_admin)
rules.add_perm("opendata.change_dataset", edits_territory | is_platform_admin)
# The metadata quality of a territory's holdings (all access levels): those who may fix them.
rules.add_perm("opendata.view_quality", edits_territory | is_platform_admin)
