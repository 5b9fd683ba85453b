"""Who may read a network's funding-gap analysis and write its recommendations: the network's coordinators
and platform admins (object: the network). Deny by default."""

import rules

from smartregion.accounts.rules import is_network_coordinator, is_platform_admin

rules.add_perm("matching.view_funding_gaps", is_platform_admin | is_network_coordinator)
rules.add_perm("matching.change_gap_recommendation", is_platform_admin | is_network_coordinator)
