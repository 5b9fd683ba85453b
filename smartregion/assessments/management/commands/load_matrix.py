from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartregion.assessments.matrix import MatrixFileError, load_matrix


class Command(BaseCommand):
    help = "Load the Smart-Region-Matrix (versioned file in smartregion/assessments/data). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="a matrix file (default: the newest in the project)")

    def handle(self, *args, file=None, **options):
        try:
            matrix, changed = load_matrix(file)
        except MatrixFileError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            state = "loaded" if changed else "unchanged"
            self.stdout.write(f"Smart-Region-Matrix {matrix.version}: {state}, {matrix.cells.count()} cells")
