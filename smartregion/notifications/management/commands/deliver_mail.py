from django.core.management.base import BaseCommand

from smartregion.notifications import delivery


class Command(BaseCommand):
    help = "Send every waiting mail of the outbox whose time has come (new ones and retries; run every few minutes)."

    def handle(self, *args, **options):
        self.stdout.write(f"mails sent: {delivery.deliver_pending()}")
