import rules

from smartregion.accounts.rules import is_any_coordinator, is_platform_admin

# Reading programmes is public; importing (and later editing) them is for coordinators and admins.
rules.add_perm("funding.import_programmes", is_platform_admin | is_any_coordinator)
rules.add_perm("funding.change_programme", is_platform_admin | is_any_coordinator)
