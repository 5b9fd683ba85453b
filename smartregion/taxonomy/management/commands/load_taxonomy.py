from django.core.management.base import BaseCommand

from smartregion.taxonomy.services import load_taxonomy


class Command(BaseCommand):
    help = "Load the Handlungsfelder (versioned reference data in smartregion/taxonomy/data). Idempotent."

    def handle(self, *args, **options):
        created, updated = load_taxonomy()
        if options["verbosity"]:
            self.stdout.write(f"Handlungsfelder: {created} created, {updated} updated")
