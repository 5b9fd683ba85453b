"""Published projects nobody has changed for a year: the people of the lead territory are asked to check them (still
running, finished, the contact still right?), in the year's week after the last change and again each year it stays
unchanged; called by `manage.py send_due_notifications` (notifications.daily). A change ends the asking; a week's
window lets a missed daily run catch up (`--day`), and the key tells nobody twice."""

from datetime import timedelta

from django.db.models import Q

from smartregion.notifications.enums import Kind
from smartregion.notifications.services import notify
from smartregion.territories import roles as territory_roles

from .queries import published

STALE_AFTER_DAYS = 365
CATCH_UP_DAYS = 7
YEARS_ASKED = 5  # after five unanswered years the entry is left alone


def unchanged_for_a_year(today):
    """The published projects with a lead territory whose last change was one to five years ago this week."""
    windows = Q(pk__in=[])
    for years in range(1, YEARS_ASKED + 1):
        anniversary = today - timedelta(days=STALE_AFTER_DAYS * years)
        windows |= Q(
            updated_at__date__gt=anniversary - timedelta(days=CATCH_UP_DAYS), updated_at__date__lte=anniversary
        )
    return (
        published()
        .filter(windows, lead_territory__isnull=False)
        .select_related("lead_territory")
        .only("title", "updated_at", "lead_territory__short_name")
        .order_by("pk")
    )


def stale_projects(*, today, base_url: str = "") -> int:
    projects = list(unchanged_for_a_year(today))
    people = territory_roles.people_of({project.lead_territory_id for project in projects})
    told = 0
    for project in projects:
        since = project.updated_at.date()
        years = (today - since).days // STALE_AFTER_DAYS
        for person in people[project.lead_territory_id]:
            told += bool(
                notify(
                    person,
                    Kind.STALE_PROJECT,
                    project,
                    {"title": project.title, "territory": project.lead_territory.short_name, "since": since},
                    key=f"{project.pk}:{since.isoformat()}:{years}",
                    link=project.get_absolute_url(),
                    base_url=base_url,
                )
            )
    return told
