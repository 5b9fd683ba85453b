import rules

from smartregion.accounts.rules import is_network_coordinator, is_platform_admin

rules.add_perm("network.add_network", is_platform_admin)
rules.add_perm("network.change_network", is_platform_admin | is_network_coordinator)
rules.add_perm("network.manage_members", is_platform_admin | is_network_coordinator)
rules.add_perm("network.invite_to_network", is_platform_admin | is_network_coordinator)
rules.add_perm("network.view_network_history", is_platform_admin | is_network_coordinator)
rules.add_perm("network.view_reports", is_platform_admin | is_network_coordinator)
