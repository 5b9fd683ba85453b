from django.core.management.base import BaseCommand

from smartregion.glossary.services import load_glossary


class Command(BaseCommand):
    help = "Create the shipped glossary terms that do not exist yet (edits on the platform are kept)."

    def handle(self, *args, **options):
        self.stdout.write(f"Glossar: {load_glossary()} Begriffe angelegt")
