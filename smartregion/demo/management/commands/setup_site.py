"""Everything `make run` does before it serves, in one process: migrate, the cache table, the shipped data
(when `--reload-data` says its files changed, or when the database lacks any of it) and the demo.
Each step prints its seconds (bench/first_start.py reads them)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from smartregion.demo import shipped


class Command(BaseCommand):
    help = "Migrate, create the cache table, load the shipped data if needed, and build the demo."

    def add_arguments(self, parser):
        parser.add_argument("--reload-data", action="store_true", help="load the shipped data even if present")
        parser.add_argument("--register", type=Path, default=shipped.REGISTER)
        parser.add_argument("--census", type=Path, default=shipped.CENSUS)

    def handle(self, *args, reload_data: bool, register: Path, census: Path, verbosity: int, **options):
        quiet = {"verbosity": 0, "stdout": self.stdout, "stderr": self.stderr}
        shipped.timed("migrate", self.stdout, call_command, "migrate", interactive=False, **quiet)
        shipped.timed("cache table", self.stdout, call_command, "createcachetable", **quiet)
        missing = shipped.missing()
        if reload_data or missing:
            if missing and verbosity:
                self.stdout.write("Loading the shipped data (not in the database yet: " + ", ".join(missing) + ")")
            shipped.load(stdout=self.stdout, stderr=self.stderr, verbosity=verbosity, register=register, census=census)
        try:
            shipped.timed("demo", self.stdout, call_command, "seed_demo", verbosity=verbosity, stdout=self.stdout)
        except CommandError as error:
            raise CommandError(f"demo: {error}") from None
