from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartregion.projects.importer import (
    ProjectImportError,
    bavarian_rows,
    import_projects,
    import_records,
    mpsc_rows,
)

SHIPPED = Path(__file__).resolve().parents[3] / "data" / "smart-city"


class Command(BaseCommand):
    help = (
        "Import catalog projects from a CSV/XLSX file in the catalog template, or (--shipped) the real "
        "project lists shipped in smartregion/data/smart-city. All-or-nothing; idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument("--format", choices=["catalog", "mpsc", "bayern"], default="catalog")
        parser.add_argument("--shipped", action="store_true", help="import the three shipped real lists")
        parser.add_argument("--draft", action="store_true", help="import as drafts instead of publishing")

    def handle(self, *args, file, format, shipped, draft, **options):
        if shipped:
            jobs = [
                ("catalog", SHIPPED / "projekte_kommunen_v2.csv"),  # v1 (projekte_kommunen.csv) plus 254
                ("mpsc", SHIPPED / "modellprojekte_smart_cities_bund.csv"),
                ("bayern", SHIPPED / "bayern_smart_city_programme.csv"),
            ]
        elif file is not None:
            jobs = [(format, file)]
        else:
            raise CommandError("Give a FILE or --shipped.")
        for kind, path in jobs:
            if not path.exists():
                raise CommandError(f"File not found: {path}")
            try:
                if kind == "catalog":
                    result = import_projects(path, file_name=path.name, publish=not draft)
                else:
                    rows = mpsc_rows(path) if kind == "mpsc" else bavarian_rows(path)
                    result = import_records(rows, publish=not draft)
            except ProjectImportError as error:
                for row_error in error.errors:
                    self.stderr.write(str(row_error))
                raise CommandError(f"{len(error.errors)} error(s) in {path.name}; nothing was written.") from None
            self.stdout.write(f"{path.name}: {result.summary()}")
