import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartregion.core.backup import differences, fingerprint


class Command(BaseCommand):
    help = (
        "Row counts and checksums of every model (history included): --write FILE records them for this "
        "database, --against FILE compares this database with a recorded fingerprint (e.g. after pg_restore)."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--write", type=Path, metavar="FILE")
        action.add_argument("--against", type=Path, metavar="FILE")

    def handle(self, *args, write: Path | None, against: Path | None, **options):
        started = time.perf_counter()
        actual = fingerprint()
        total = sum(entry["count"] for entry in actual.values())
        seconds = time.perf_counter() - started
        if write:
            write.parent.mkdir(parents=True, exist_ok=True)
            write.write_text(json.dumps(actual, indent=2, sort_keys=True), encoding="utf-8")
            self.stdout.write(f"{total} rows in {len(actual)} models fingerprinted in {seconds:.1f} s: {write}")
            return
        if not against.exists():
            raise CommandError(f"File not found: {against}")
        problems = differences(json.loads(against.read_text(encoding="utf-8")), actual)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} models differ from {against.name}.")
        self.stdout.write(f"{total} rows in {len(actual)} models match {against.name} (counts and checksums).")
