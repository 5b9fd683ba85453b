import json
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from smartregion.core.backup import differences, fingerprint, is_empty


class Command(BaseCommand):
    help = "Load a backup written by export_all into an empty, migrated database and verify it."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"File not found: {file}")
        manifest_path = file.with_name(file.name.removesuffix(".xml.gz") + ".manifest.json")
        if not manifest_path.exists():
            raise CommandError(f"Manifest not found: {manifest_path}")
        if not is_empty():
            raise CommandError("The database already holds data; restore only into an empty, migrated database.")
        expected = json.loads(manifest_path.read_text(encoding="utf-8"))
        # The backup holds the history tables; loading must not write new history rows (simple-history
        # records many-to-many changes even for raw fixture loads).
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(file), verbosity=0)
            problems = differences(expected, fingerprint())
            if problems:
                for problem in problems:
                    self.stderr.write(problem)
                raise CommandError("The restored data does not match the manifest; nothing was kept.")
        for config in apps.get_app_configs():
            if hasattr(config, "rebuild_search_index"):
                config.rebuild_search_index()
        total = sum(entry["count"] for entry in expected.values())
        self.stdout.write(f"{total} rows restored and verified against {manifest_path.name}")
