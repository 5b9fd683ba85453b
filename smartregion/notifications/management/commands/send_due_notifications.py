from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from smartregion.notifications import daily, delivery, services


class Command(BaseCommand):
    help = (
        "Daily: notifications of due and overdue follow-ups and of watched programmes' deadlines, the daily "
        "digests, then every waiting mail (ADR 0028). Running it twice a day tells nobody twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="", help="The site's address in links (default: SITE_URL).")
        parser.add_argument(
            "--day",
            default="",
            help=(
                "Run for this day (YYYY-MM-DD), e.g. to catch up a missed run; default today. The reminders due "
                "that day and the digest of that day (entries made up to its end that no digest carried yet)."
            ),
        )

    def handle(self, *args, base_url="", day="", **options):
        today = date.fromisoformat(day) if day else timezone.localdate()
        for producer in daily.producers():
            told = producer(today=today, base_url=base_url)
            self.stdout.write(f"{producer.__module__}.{producer.__name__}: {told}")
        digests = services.send_digests(day=today, base_url=base_url)
        sent = delivery.deliver_pending()
        self.stdout.write(f"digests: {digests}, mails sent: {sent}")
