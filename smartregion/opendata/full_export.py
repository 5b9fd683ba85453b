"""The whole DCAT-AP.de catalogue as one Turtle file, written by the task queue and served from storage (ADR 0016,
amendment of issue 26).

Writing it reads every open holding (about 20 s of work at 20,000 holdings): never in a request. Celery beat writes it
nightly (`opendata.tasks.store_full_catalogue`), `manage.py export_dcat --store` at once (cron without a broker). Each
run saves a new file (`dcat/katalog-<time>.ttl`) and only then deletes the older ones, so a download never meets a
half-written or missing file; `/catalog-full.ttl` streams the newest through core.downloads.file_response.
"""

import tempfile
from pathlib import Path

from django.core.files import File
from django.db.models.fields.files import FieldFile

from smartregion.core.siteurl import site_url
from smartregion.core.storage import StoredVersions

from .dcat import write_full_turtle

DOWNLOAD_NAME = "katalog.ttl"
VERSIONS = StoredVersions("dcat", "katalog-", ".ttl")


def stored_names() -> list[str]:
    """The stored catalogue files, oldest first."""
    return VERSIONS.names()


def newest() -> FieldFile | None:
    """The newest stored file as a FieldFile (what core.downloads.file_response serves), or None."""
    return VERSIONS.newest()


def store_full_catalogue(base: str = "") -> tuple[str, int]:
    """Write the whole catalogue and store it; the older files are deleted afterwards. Returns the stored name and
    the number of chunks written."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / DOWNLOAD_NAME
        with path.open("w", encoding="utf-8") as out:
            chunks = write_full_turtle(out, (base or site_url()).rstrip("/"))
        with path.open("rb") as content:
            name = VERSIONS.replace(File(content))
    return name, chunks
