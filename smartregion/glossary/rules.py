import rules

from smartregion.accounts.rules import is_any_coordinator, is_platform_admin

# Reading is public; coordinators and admins maintain the shared definitions.
rules.add_perm("glossary.change_term", is_platform_admin | is_any_coordinator)
rules.add_perm("glossary.add_term", is_platform_admin | is_any_coordinator)
