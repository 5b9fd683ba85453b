from django.core.management.base import BaseCommand, CommandError

from smartregion.demo.builder import DEMO_PASSWORD, build_demo


class Command(BaseCommand):
    help = "Create demo accounts for every role and the Bavarian and Thuringian networks (idempotent)."

    def handle(self, *args, **options):
        try:
            accounts = build_demo()
        except RuntimeError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for account in accounts.values():
            self.stdout.write(f"  {account.email:<48} {account.description}")
