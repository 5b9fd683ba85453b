from django.core.management.base import BaseCommand

from smartregion.toolkit.services import load_toolkit


class Command(BaseCommand):
    help = "Load the shipped guides and recommendations of the Werkzeugkasten (never overwrites edits)."

    def handle(self, *args, **options):
        created = load_toolkit()
        self.stdout.write(f"Werkzeugkasten: {created} new guides and recommendations")
