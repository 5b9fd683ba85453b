"""Mail the operator about feedback messages of the accessibility statement still without an answer after
ACCESSIBILITY_REMINDER_AFTER_DAYS (the answer is due a month after receipt). Run it daily."""

from django.conf import settings
from django.core.management.base import BaseCommand

from smartregion.core.accessibility import due_for_reminder, send_reminders


class Command(BaseCommand):
    help = "Erinnert den Betreiber an unbeantwortete Rückmeldungen zur Barrierefreiheit."

    def handle(self, *args, **options):
        if not settings.OPERATOR_CONTACT_EMAIL:
            waiting = due_for_reminder().count()
            self.stderr.write(
                f"OPERATOR_CONTACT_EMAIL is not set: no reminder sent ({waiting} message(s) waiting for a reminder)."
            )
            return
        sent = send_reminders()
        self.stdout.write(f"Reminder sent for {sent} message(s)." if sent else "No message waiting for a reminder.")
