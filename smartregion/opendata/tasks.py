"""opendata's scheduled job (ADR 0026): the whole DCAT catalogue as one stored file (opendata.full_export)."""

from celery import shared_task

from .full_export import store_full_catalogue


@shared_task
def store_full_dcat_catalogue() -> str:
    return store_full_catalogue()[0]
