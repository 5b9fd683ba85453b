"""Reads of events, follow-ups and partnerships, as each person may see them."""

from django.db.models import Case, IntegerField, Q, Value, When

from smartregion.accounts.rules import is_platform_admin, territory_ids
from smartregion.network.models import Network, NetworkMember, NetworkRole

from .enums import EventAudience, FollowUpStatus
from .models import Event, FollowUp, Partnership, Registration

OVERDUE = "ueberfaellig"  # the list's filter value for overdue follow-ups (not a status)


def visible_events(user, events=None):
    """The events `user` may see: public ones, and the internal ones of networks the user is in (as a person of
    a member territory or a coordinator); platform admins see all. `events` narrows a queryset given."""
    events = Event.objects.all() if events is None else events
    if is_platform_admin(user):
        return events
    seen = Q(audience=EventAudience.PUBLIC)
    if user is not None and user.is_authenticated:
        seen |= Q(network_id__in=NetworkRole.objects.filter(user=user).values("network_id"))
        mine = territory_ids(user)
        if mine:
            members = NetworkMember.objects.filter(territory__roles__user=user)  # a subquery, however many
            seen |= Q(network_id__in=members.values("network_id"))
    return events.filter(seen)


def agreement_permissions(user, partnerships) -> tuple[set[int], set[int]]:
    """Of these partnerships (their partners prefetched): whose agreement the user may download, and whose
    publication the user may change."""
    readable, changeable = set(), set()
    for partnership in partnerships:
        if user.has_perm("events.view_partnership_agreement", partnership):
            readable.add(partnership.pk)
        if user.has_perm("events.change_partnership_publication", partnership):
            changeable.add(partnership.pk)
    return readable, changeable


def partnership_with_partners(pk: int) -> Partnership:
    return Partnership.objects.select_related("network").prefetch_related("partners").get(pk=pk)


def meeting_link_events(user, events) -> set[int]:
    """Of these events, those whose online access `user` may read (the rule network.view_meeting_link: the people
    in the event's network and the registered participants), with one query for the registrations."""
    events = list(events)
    if not events or user is None or not user.is_authenticated:
        return set()
    registered = set(
        Registration.objects.filter(
            user=user, status=Registration.Status.CONFIRMED, event_id__in=[event.pk for event in events]
        ).values_list("event_id", flat=True)
    )
    return {
        event.pk
        for event in events
        if event.pk in registered or user.has_perm("events.view_internal_events", event.network)
    }


def follow_ups_of_network(network: Network, *, today, status: str = ""):
    """The follow-ups of all the network's events, overdue first, then open, in progress and done, each by due
    date. `status`: one of FollowUpStatus, or OVERDUE for those whose due date passed and that are not done."""
    overdue = Q(due_on__lt=today) & ~Q(status=FollowUpStatus.DONE)
    follow_ups = (
        FollowUp.objects.filter(event__network=network)
        .select_related("event", "event__network", "owner_territory", "project", "need", "actor")
        .annotate(
            order=Case(
                When(overdue, then=Value(0)),
                When(status=FollowUpStatus.OPEN, then=Value(1)),
                When(status=FollowUpStatus.IN_PROGRESS, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
    )
    if status == OVERDUE:
        follow_ups = follow_ups.filter(overdue)
    elif status in FollowUpStatus.values:
        follow_ups = follow_ups.filter(status=status)
    return follow_ups.order_by("order", "due_on", "pk")
