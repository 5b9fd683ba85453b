import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from smartregion.core.backup import backup_models, fingerprint


class Command(BaseCommand):
    help = "Write all application data (with history) to FILE.xml.gz and a manifest FILE.manifest.json."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.name.endswith(".xml.gz"):
            file = file.with_name(file.name + ".xml.gz")
        file.parent.mkdir(parents=True, exist_ok=True)
        labels = [model._meta.label for model in backup_models()]
        # XML keeps datetimes to the microsecond; Django's JSON serializer rounds them to milliseconds. The
        # backup's XML writes content types by name (core/backup_xml.py); loaddata reads it as XML.
        call_command("dumpdata", *labels, format="backup-xml", output=str(file), verbosity=0)
        manifest = fingerprint()
        manifest_path = file.with_name(file.name.removesuffix(".xml.gz") + ".manifest.json")
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        total = sum(entry["count"] for entry in manifest.values())
        self.stdout.write(f"{total} rows in {len(manifest)} models written to {file} (manifest {manifest_path.name})")
