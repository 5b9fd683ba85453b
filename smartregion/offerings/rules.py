import rules

from smartregion.accounts.rules import is_any_coordinator, is_platform_admin

# Reading offerings is public; coordinators and platform admins keep the catalogue (create, edit, import).
rules.add_perm("offerings.add_offering", is_platform_admin | is_any_coordinator)
rules.add_perm("offerings.change_offering", is_platform_admin | is_any_coordinator)
rules.add_perm("offerings.import_offerings", is_platform_admin | is_any_coordinator)
