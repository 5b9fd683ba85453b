"""The shipped reference data in one process, with the seconds of each step (see smartregion.demo.shipped).

`--check` loads nothing: it exits 1 when the database lacks any of it.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from smartregion.demo import shipped


class Command(BaseCommand):
    help = "Load the shipped data: register, outlines, taxonomy, glossary, matrix, funding, projects, toolkit."

    def add_arguments(self, parser):
        parser.add_argument("--register", type=Path, default=shipped.REGISTER)
        parser.add_argument("--census", type=Path, default=shipped.CENSUS)
        parser.add_argument("--check", action="store_true", help="load nothing; exit 1 when something is missing")

    def handle(self, *args, register: Path, census: Path, check: bool, verbosity: int, **options):
        if check:
            missing = shipped.missing()
            if missing:
                if verbosity:
                    self.stdout.write("Not in the database yet: " + ", ".join(missing))
                sys.exit(1)
            return
        total = shipped.load(
            stdout=self.stdout, stderr=self.stderr, verbosity=verbosity, register=register, census=census
        )
        self.stdout.write(f"step: {'shipped data':<20} {total:6.1f} s")
