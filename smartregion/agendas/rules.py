"""Who may see and change agendas. Deny by default.

- A draft is seen by the people who write it (the territory's editors; for an alliance also the
  editors of its member territories), the coordinators of its networks and platform admins.
  From the consultation on, an agenda is public.
- Writing, moderating the consultation and reporting progress: the people who write it, admins.
- The team discussion: the people who write it and the coordinators.
"""

import rules
from django.db.models import Q

from smartregion.accounts.rules import (
    is_authenticated,
    is_coordinator_of_territory,
    is_network_coordinator,
    is_platform_admin,
    is_territory_editor,
)
from smartregion.projects.enums import Publication

from .enums import AgendaStatus


def _agenda(obj):
    """Rules get an agenda or one of its parts (which all have `.agenda`)."""
    return getattr(obj, "agenda", obj)


def _member_ids(territory) -> set[int]:
    cached = getattr(territory, "_alliance_member_ids", None)
    if cached is None:
        from django.apps import apps

        member_model = apps.get_model("territories", "AllianceMember")
        cached = set(member_model.objects.filter(alliance=territory).values_list("member_id", flat=True))
        territory._alliance_member_ids = cached
    return cached


@rules.predicate
def writes_for_territory(user, territory) -> bool:
    """The territory's editors; for an alliance also the editors of its member territories."""
    if territory is None or not is_authenticated(user):
        return False
    if is_territory_editor(user, territory):
        return True
    if territory.is_alliance:
        own = set(user.territory_roles.values_list("territory_id", flat=True))
        return bool(own & _member_ids(territory))
    return False


@rules.predicate
def writes_agenda(user, obj) -> bool:
    agenda = _agenda(obj)
    return agenda is not None and writes_for_territory(user, agenda.territory)


@rules.predicate
def coordinates_agenda(user, obj) -> bool:
    agenda = _agenda(obj)
    return agenda is not None and is_coordinator_of_territory(user, agenda.territory)


@rules.predicate
def is_public_agenda(user, obj) -> bool:
    agenda = _agenda(obj)
    return agenda is not None and agenda.status != AgendaStatus.DRAFT


@rules.predicate
def in_consultation(user, obj) -> bool:
    agenda = _agenda(obj)
    return agenda is not None and agenda.status == AgendaStatus.CONSULTATION


def adoptable_condition(user) -> Q:
    """Which catalog projects a measure of `user` may adopt: published ones, and drafts of their own
    (created by them or led by one of their territories). The measure form's search and the service ask this."""
    condition = Q(publication=Publication.PUBLISHED)
    if is_authenticated(user):
        condition |= Q(created_by=user) | Q(lead_territory_id__in=user.territory_roles.values("territory_id"))
    return condition


can_write = is_platform_admin | writes_agenda
# The object is the territory; the same people who write its agendas (alliances: their members' editors too).
rules.add_perm("agendas.add_agenda", is_platform_admin | writes_for_territory)
rules.add_perm("agendas.view_agenda", can_write | coordinates_agenda | is_public_agenda)
rules.add_perm("agendas.change_agenda", can_write)
rules.add_perm("agendas.delete_agenda", can_write)
rules.add_perm("agendas.view_agenda_history", can_write | coordinates_agenda)
rules.add_perm("agendas.view_team_discussion", can_write | coordinates_agenda)
rules.add_perm("agendas.comment_team", can_write | coordinates_agenda)
rules.add_perm("agendas.take_part", is_authenticated & in_consultation)
rules.add_perm("agendas.moderate", can_write)
# Reporting a contribution of the public consultation to the moderation: anybody signed in, also after its end.
rules.add_perm("agendas.flag_contribution", is_authenticated & is_public_agenda)
rules.add_perm("agendas.report_progress", can_write)
rules.add_perm("agendas.view_network_monitoring", is_platform_admin | is_network_coordinator)
