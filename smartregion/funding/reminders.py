"""Deadlines of watched funding programmes: watchers hear two weeks before and again three days before (each
once); called by `manage.py send_due_notifications` (notifications.daily)."""

from datetime import timedelta

from smartregion.notifications.enums import Kind
from smartregion.notifications.services import notify, watchers

from .models import Deadline

WARNINGS = (14, 3)  # days before the deadline


def watched_deadlines(*, today, base_url: str = "") -> int:
    told = 0
    upcoming = Deadline.objects.filter(closes_on__gte=today, closes_on__lte=today + timedelta(days=max(WARNINGS)))
    for deadline in upcoming.select_related("programme").order_by("closes_on", "pk"):
        days = (deadline.closes_on - today).days
        warning = min(w for w in WARNINGS if days <= w)
        programme = deadline.programme
        for person in watchers(programme):
            told += bool(
                notify(
                    person,
                    Kind.PROGRAMME_DEADLINE,
                    programme,
                    {"title": programme.name, "due": deadline.closes_on, "label": deadline.label, "days": days},
                    key=f"{deadline.pk}:{warning}",
                    link=programme.get_absolute_url(),
                    base_url=base_url,
                )
            )
    return told
