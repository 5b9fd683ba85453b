"""Who may do what with a network's events, follow-ups and partnerships. Deny by default.

Internal events exist only for the people in the network (`network.rules.is_in_network`); an event's online
access is for them and the event's registered participants. A partnership's agreement is for the partners'
people, their coordinators and platform admins, unless the partners marked it public. Planning events is the
network's coordination (`network.change_network`).
"""

import rules

from smartregion.accounts.rules import (
    is_authenticated,
    is_coordinator_of_territory,
    is_network_coordinator,
    is_platform_admin,
    territory_ids,
)
from smartregion.network.rules import is_in_network

from .enums import EventAudience


@rules.predicate
def is_public_event(user, event) -> bool:
    return event is not None and event.audience == EventAudience.PUBLIC


@rules.predicate
def is_in_events_network(user, event) -> bool:
    return event is not None and is_in_network(user, event.network)


@rules.predicate
def is_registered_participant(user, event) -> bool:
    """A confirmed place (the waiting list is not yet a participant)."""
    if event is None or not is_authenticated(user):
        return False
    registrations = event.registrations
    return registrations.filter(user=user, status=registrations.model.Status.CONFIRMED).exists()


@rules.predicate
def is_follow_up_coordinator(user, follow_up) -> bool:
    """A coordinator of the network whose event the follow-up comes from."""
    return follow_up is not None and is_network_coordinator(user, follow_up.event.network)


@rules.predicate
def is_follow_up_owner_person(user, follow_up) -> bool:
    """An editor or admin of the member territory the follow-up is assigned to."""
    return follow_up is not None and follow_up.owner_territory_id in territory_ids(user)


@rules.predicate
def is_partner_person(user, partnership) -> bool:
    """An editor or admin of one of the partner territories."""
    mine = territory_ids(user)
    return bool(mine) and any(partner.pk in mine for partner in partnership.partners.all())


@rules.predicate
def is_partners_coordinator(user, partnership) -> bool:
    """A coordinator of the partnership's network or of a network one of the partners is a member of."""
    if is_network_coordinator(user, partnership.network):
        return True
    return any(is_coordinator_of_territory(user, partner) for partner in partnership.partners.all())


@rules.predicate
def is_public_agreement(user, partnership) -> bool:
    return partnership is not None and partnership.agreement_public


# object: the network
rules.add_perm("events.view_internal_events", is_in_network)
rules.add_perm("events.view_follow_ups", is_in_network)
rules.add_perm("events.record_attendance", is_platform_admin | is_network_coordinator)
# object: the event
rules.add_perm("events.view_event", is_public_event | is_in_events_network)
rules.add_perm("events.register_for_event", is_authenticated & (is_public_event | is_in_events_network))
rules.add_perm("events.view_meeting_link", is_in_events_network | is_registered_participant)
# object: the follow-up; its owner territory's people record where it stands (status and note only)
rules.add_perm("events.change_follow_up", is_platform_admin | is_follow_up_coordinator | is_follow_up_owner_person)
rules.add_perm("events.edit_follow_up", is_platform_admin | is_follow_up_coordinator)
# object: the partnership
rules.add_perm(
    "events.view_partnership_agreement",
    is_public_agreement | is_platform_admin | is_partner_person | is_partners_coordinator,
)
rules.add_perm("events.change_partnership_publication", is_platform_admin | is_partner_person | is_partners_coordinator)
