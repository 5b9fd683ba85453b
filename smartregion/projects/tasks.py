"""projects' scheduled job (ADR 0026): the whole published catalogue as files (projects.catalogue_files)."""

from celery import shared_task

from .catalogue_files import store_catalogue_files


@shared_task
def store_project_catalogue_files() -> dict[str, str]:
    return store_catalogue_files()
