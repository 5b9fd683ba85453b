from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartregion.offerings.importer import SHIPPED_FILE, OfferingImportError, import_offerings


class Command(BaseCommand):
    help = "Import offerings beyond grants (default: the compiled list shipped in smartregion/offerings/data)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=SHIPPED_FILE)

    def handle(self, *args, file: Path, **options):
        try:
            result = import_offerings(file)
        except OfferingImportError as error:
            raise CommandError("\n".join(str(item) for item in error.errors)) from None
        if options["verbosity"]:
            self.stdout.write(f"Angebote: {result.summary()}")
            for code, name in result.kept:
                self.stdout.write(f"  {code}: {name} auf der Plattform geändert, beibehalten")
