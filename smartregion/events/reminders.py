"""Follow-ups due today and overdue, told to the people of the owning territory (its editors and admins) or, without
one, to the network's coordinators; called by `manage.py send_due_notifications` (notifications.daily)."""

from django.contrib.auth import get_user_model

from smartregion.notifications.enums import Kind
from smartregion.notifications.services import notify

from .enums import FollowUpStatus
from .models import FollowUp


def _people(follow_up: FollowUp):
    User = get_user_model()
    if follow_up.owner_territory_id:
        people = User.objects.filter(territory_roles__territory_id=follow_up.owner_territory_id)
    else:
        people = User.objects.filter(network_roles__network_id=follow_up.event.network_id)
    return people.filter(is_active=True).distinct()


def follow_ups_due(*, today, base_url: str = "") -> int:
    """One notification per person and follow-up when it falls due, one more when it is overdue."""
    told = 0
    open_ones = (
        FollowUp.objects.exclude(status=FollowUpStatus.DONE)
        .filter(due_on__lte=today)
        .select_related("event__network")
        .order_by("due_on", "pk")
    )
    for follow_up in open_ones:
        overdue = follow_up.due_on < today
        for person in _people(follow_up):
            told += bool(
                notify(
                    person,
                    Kind.FOLLOW_UP,
                    follow_up,
                    {
                        "title": follow_up.title,
                        "event": follow_up.event.title,
                        "due": follow_up.due_on,
                        "overdue": overdue,
                    },
                    key=f"{follow_up.pk}:{'ueberfaellig' if overdue else 'faellig'}:{follow_up.due_on.isoformat()}",
                    link=follow_up.event.get_absolute_url(),
                    base_url=base_url,
                )
            )
    return told
