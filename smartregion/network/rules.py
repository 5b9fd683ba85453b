"""Who may do what in a network. Deny by default.

"In the network" (`is_in_network`): the people of member territories (editors and admins), the network's
coordinators and platform admins. The events app builds its rules on it (internal events, follow-ups).
"""

import rules

from smartregion.accounts.rules import (
    is_network_coordinator,
    is_network_member_person,
    is_platform_admin,
)

is_in_network = is_platform_admin | is_network_coordinator | is_network_member_person

rules.add_perm("network.add_network", is_platform_admin)
rules.add_perm("network.change_network", is_platform_admin | is_network_coordinator)
rules.add_perm("network.manage_members", is_platform_admin | is_network_coordinator)
rules.add_perm("network.invite_to_network", is_platform_admin | is_network_coordinator)
rules.add_perm("network.view_network_history", is_platform_admin | is_network_coordinator)
rules.add_perm("network.view_reports", is_platform_admin | is_network_coordinator)
