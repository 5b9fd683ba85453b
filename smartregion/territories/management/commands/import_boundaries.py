from pathlib import Path

from django.core.management.base import BaseCommand

from smartregion.territories.boundaries import BOUNDARY_FILES, import_boundaries

DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2].parent / "data" / "boundaries"


class Command(BaseCommand):
    help = "Load the BKG VG5000 outlines (Länder, Regierungsbezirke, Kreise, Gemeinden). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=DEFAULT_DIRECTORY)
        parser.add_argument("--level", choices=[str(level) for level in BOUNDARY_FILES], action="append")

    def handle(self, *args, directory: Path, level, **options):
        for boundary_level, file_name in BOUNDARY_FILES.items():
            if level and boundary_level not in level:
                continue
            created, updated = import_boundaries(boundary_level, directory / file_name)
            if options["verbosity"]:
                self.stdout.write(f"{boundary_level}: {created} created, {updated} updated")
