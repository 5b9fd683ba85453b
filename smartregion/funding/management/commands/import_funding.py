from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartregion.funding.importer import SHIPPED_FILE, FundingImportError, import_programmes


class Command(BaseCommand):
    help = "Import funding programmes (default: the compiled list shipped in smartregion/funding/data)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=SHIPPED_FILE)

    def handle(self, *args, file: Path, **options):
        try:
            result = import_programmes(file)
        except FundingImportError as error:
            raise CommandError("\n".join(str(item) for item in error.errors)) from None
        if options["verbosity"]:
            self.stdout.write(f"Förderprogramme: {result.summary()}")
