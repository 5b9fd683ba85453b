"""core's scheduled job (ADR 0026): the accessibility statement's reply reminder, daily from beat
(settings.CELERY_BEAT_SCHEDULE "accessibility-reminders")."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def accessibility_reminders() -> None:
    """`manage.py accessibility_reminders`: the operator is mailed about feedback still unanswered (at most once a
    week per message), so that the answer BGG §12b asks within a month is not forgotten."""
    call_command("accessibility_reminders")
