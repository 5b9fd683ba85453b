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
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile, FileField
from django.utils import timezone

from smartregion.core.siteurl import site_url

from .dcat import write_full_turtle

FOLDER = "dcat"
PREFIX = "katalog-"
DOWNLOAD_NAME = "katalog.ttl"


def stored_names() -> list[str]:
    """The stored catalogue files, oldest first (their names carry the time they were written)."""
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # on disk, before the first file (a bucket lists an empty prefix)
        return []
    return sorted(f"{FOLDER}/{name}" for name in files if name.startswith(PREFIX) and name.endswith(".ttl"))


def newest() -> FieldFile | None:
    """The newest stored file as a FieldFile (what core.downloads.file_response serves), or None."""
    names = stored_names()
    return FieldFile(None, FileField(storage=default_storage), names[-1]) if names else None


def store_full_catalogue(base: str = "") -> tuple[str, int]:
    """Write the whole catalogue and store it; the older files are deleted afterwards. Returns the stored name and
    the number of chunks written."""
    older = stored_names()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / DOWNLOAD_NAME
        with path.open("w", encoding="utf-8") as out:
            chunks = write_full_turtle(out, (base or site_url()).rstrip("/"))
        with path.open("rb") as content:
            name = default_storage.save(f"{FOLDER}/{PREFIX}{timezone.now():%Y%m%dT%H%M%S%f}.ttl", File(content))
    for stale in older:
        if stale != name:
            default_storage.delete(stale)
    return name, chunks
