"""The whole published project catalogue as files: CSV, XLSX, JSON and GeoJSON, the distributions of the DCAT
dataset "Projektkatalog" (ADR 0016). An export from the catalogue page stops at EXPORT_LIMIT rows; these files
hold every published project, as a visitor sees them.

Writing them reads every published project (tens of seconds at 100,000): never in a request. Celery beat writes them
nightly (`projects.tasks.store_catalogue_files`), `manage.py store_project_catalogue` at once (cron without a
broker). Each format is kept as core.storage.StoredVersions: the new file first, the older ones deleted after.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile

from smartregion.core.siteurl import absolute
from smartregion.core.storage import StoredVersions

from . import exports, queries

WRITERS = {
    "csv": exports.as_csv,
    "xlsx": exports.as_xlsx,
    "json": exports.as_json,
    "geojson": exports.as_geojson,
}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}
VERSIONS = {fmt: StoredVersions("projektkatalog", "projektkatalog-", f".{fmt}") for fmt in WRITERS}


def published_projects() -> tuple[list, dict]:
    """Every project a visitor may see, in catalogue order, with its re-use counts."""
    projects = list(queries.list_queryset(AnonymousUser()).prefetch_related("domains", "keywords").order_by("pk"))
    return projects, queries.reuse_counts([project.pk for project in projects])


def store_catalogue_files() -> dict[str, str]:
    """Write the whole catalogue in every format and store it; returns format → stored name."""
    projects, reuse = published_projects()
    base = absolute("/")
    stored = {}
    for fmt, write in WRITERS.items():
        content = write(projects, reuse, base_url=base).content
        stored[fmt] = VERSIONS[fmt].replace(ContentFile(content, name=f"projektkatalog.{fmt}"))
    return stored
