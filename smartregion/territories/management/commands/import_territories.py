from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartregion.territories.importer import RegisterImportError, as_of_from_file_name, import_register


class Command(BaseCommand):
    help = (
        "Import the Destatis municipality register (GV-ISys CSV, one row per Gemeinde). "
        "Idempotent; all-or-nothing; vanished territories are marked inactive."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--census", type=Path, help="Zensus 2022 population per ARS (CSV)")
        parser.add_argument(
            "--partial", action="store_true", help="The file is an extract: create and update, deactivate nothing"
        )
        parser.add_argument(
            "--as-of", type=date.fromisoformat, help="Gebietsstand (YYYY-MM-DD); default from the file name"
        )

    def handle(self, *args, file: Path, census: Path | None, as_of: date | None, partial: bool, **options):
        if not file.exists():
            raise CommandError(f"File not found: {file}")
        if census is not None and not census.exists():
            raise CommandError(f"File not found: {census}")
        try:
            result = import_register(
                file,
                census_source=census,
                as_of=as_of or as_of_from_file_name(file),
                file_name=file.name,
                partial=partial,
            )
        except RegisterImportError as error:
            for row_error in error.errors:
                self.stderr.write(str(row_error))
            raise CommandError(f"{len(error.errors)} error(s) in {file.name}; nothing was written.") from None
        self.stdout.write(result.summary())
