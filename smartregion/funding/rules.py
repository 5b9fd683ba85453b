import rules

from smartregion.accounts.rules import is_any_coordinator, is_platform_admin

# Reading programmes is public. Curating (the next step: forms and uploads) is for coordinators and admins.
rules.add_perm("funding.change_fundingprogramme", is_platform_admin | is_any_coordinator)
