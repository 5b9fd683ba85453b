"""The shipped reference data, in the order `make run` needs it, in one process (one Django start instead of
eight), with the seconds of each step: the register with the census, the outlines, the Handlungsfelder, the
glossary, the matrix, the funding programmes, the three real project lists and the toolkit.

`--check` loads nothing: it exits 1 when the database lacks any of it. The Makefile asks this after `migrate`,
so that the marker of loaded data (var/.data-loaded) never outlives its database – a deleted var/db.sqlite3
or a new, empty DATABASE_URL is loaded again by itself.
"""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from smartregion.assessments.models import MatrixVersion
from smartregion.funding.models import FundingProgramme
from smartregion.glossary.models import Term
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Boundary, Territory
from smartregion.toolkit.models import Guide

REGISTER_DIRECTORY = Path(settings.BASE_DIR) / "smartregion" / "data" / "register"
REGISTER = REGISTER_DIRECTORY / "gemeinden_de_2024-12-31.csv"
CENSUS = REGISTER_DIRECTORY / "zensus2022_bevoelkerung_gemeinden.csv"
# What each step leaves in the database (checked by --check).
PRESENT = {
    "register import": lambda: Territory.objects.filter(kind="land").exists(),
    "boundaries": lambda: Boundary.objects.exists(),
    "taxonomy": lambda: Domain.objects.exists(),
    "glossary": lambda: Term.objects.exists(),
    "matrix": lambda: MatrixVersion.objects.exists(),
    "funding": lambda: FundingProgramme.objects.exists(),
    "projects": lambda: Project.objects.exists(),
    "toolkit": lambda: Guide.objects.exists(),
}


class Command(BaseCommand):
    help = "Load the shipped data: register, outlines, taxonomy, glossary, matrix, funding, projects, toolkit."

    def add_arguments(self, parser):
        parser.add_argument("--register", type=Path, default=REGISTER)
        parser.add_argument("--census", type=Path, default=CENSUS)
        parser.add_argument("--check", action="store_true", help="load nothing; exit 1 when something is missing")

    def handle(self, *args, register: Path, census: Path, check: bool, verbosity: int, **options):
        if check:
            missing = [name for name, present in PRESENT.items() if not present()]
            if missing:
                if verbosity:
                    self.stdout.write("Not in the database yet: " + ", ".join(missing))
                sys.exit(1)
            return
        steps = [
            ("register import", "import_territories", [str(register)], {"census": census}),
            ("boundaries", "import_boundaries", [], {}),
            ("taxonomy", "load_taxonomy", [], {}),
            ("glossary", "load_glossary", [], {}),
            ("matrix", "load_matrix", [], {}),
            ("funding", "import_funding", [], {}),
            ("projects", "import_projects", [], {"shipped": True}),
            ("toolkit", "load_toolkit", [], {}),
        ]
        total = 0.0
        for name, command, arguments, keywords in steps:
            started = time.monotonic()
            call_command(command, *arguments, verbosity=verbosity, stdout=self.stdout, stderr=self.stderr, **keywords)
            seconds = time.monotonic() - started
            total += seconds
            self.stdout.write(f"step: {name:<20} {seconds:6.1f} s")
        self.stdout.write(f"step: {'shipped data':<20} {total:6.1f} s")
