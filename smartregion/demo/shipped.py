"""The shipped reference data and the one-process setup of a site: what `make run` needs before it serves.

The steps run in one process (one Django start instead of one per command) and report their seconds.
`missing()` asks the database itself which of the data it lacks, so that a deleted var/db.sqlite3 or a new,
empty DATABASE_URL is loaded again by itself, whatever marker files say.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from smartregion.assessments.models import MatrixVersion
from smartregion.funding.models import FundingProgramme
from smartregion.glossary.models import Term
from smartregion.offerings.models import Offering
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Boundary, Territory
from smartregion.toolkit.models import Guide

REGISTER_DIRECTORY = Path(settings.BASE_DIR) / "smartregion" / "data" / "register"
REGISTER = REGISTER_DIRECTORY / "gemeinden_de_2024-12-31.csv"
CENSUS = REGISTER_DIRECTORY / "zensus2022_bevoelkerung_gemeinden.csv"
# What each step leaves in the database.
PRESENT = {
    "register import": lambda: Territory.objects.filter(kind="land").exists(),
    "boundaries": lambda: Boundary.objects.exists(),
    "taxonomy": lambda: Domain.objects.exists(),
    "glossary": lambda: Term.objects.exists(),
    "matrix": lambda: MatrixVersion.objects.exists(),
    "funding": lambda: FundingProgramme.objects.exists(),
    "offerings": lambda: Offering.objects.exists(),
    "projects": lambda: Project.objects.exists(),
    "toolkit": lambda: Guide.objects.exists(),
}


def missing() -> list[str]:
    return [name for name, present in PRESENT.items() if not present()]


def timed(name: str, out, function, /, *arguments, **keywords) -> float:
    """Run one step and print "step: NAME SECONDS s" (bench/first_start.py reads these lines)."""
    started = time.monotonic()
    function(*arguments, **keywords)
    seconds = time.monotonic() - started
    out.write(f"step: {name:<20} {seconds:6.1f} s")
    return seconds


def load(*, stdout, stderr, verbosity: int = 1, register: Path = REGISTER, census: Path = CENSUS) -> float:
    """Register with census, outlines, taxonomy, glossary, matrix, funding, offerings, the real project lists,
    toolkit."""
    steps = [
        ("register import", "import_territories", [str(register)], {"census": census}),
        ("boundaries", "import_boundaries", [], {}),
        ("taxonomy", "load_taxonomy", [], {}),
        ("glossary", "load_glossary", [], {}),
        ("matrix", "load_matrix", [], {}),
        ("funding", "import_funding", [], {}),
        ("offerings", "import_offerings", [], {}),
        ("projects", "import_projects", [], {"shipped": True}),
        ("toolkit", "load_toolkit", [], {}),
    ]
    output = {"verbosity": verbosity, "stdout": stdout, "stderr": stderr}
    return sum(
        timed(name, stdout, call_command, command, *arguments, **output, **keywords)
        for name, command, arguments, keywords in steps
    )
