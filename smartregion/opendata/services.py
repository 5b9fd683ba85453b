"""Writes of the data inventory: datasets with their distributions."""

from django.db import transaction

from smartregion.core.concurrency import save_revision
from smartregion.core.freshness import bulk_written

from .models import Dataset, Distribution

DATASET_FIELDS = [
    "title", "description", "domain", "theme", "publisher", "contact_email", "licence", "attribution", "access",
    "frequency", "temporal_start", "temporal_end", "standards", "keywords", "legislation",
]  # fmt: skip


def _distributions(dataset: Dataset, rows: list[dict] | None) -> None:
    """Replace the distributions with `rows` (dicts of title, access_url, file_type, media_type)."""
    if rows is None:
        return
    dataset.distributions.all().delete()
    Distribution.objects.bulk_create(Distribution(dataset=dataset, **row) for row in rows)
    bulk_written(Distribution)


@transaction.atomic
def create_dataset(*, territory, by, distributions: list[dict] | None = None, **fields) -> Dataset:
    dataset = Dataset(territory=territory, created_by=by, **fields)
    dataset._history_user = by
    dataset.save()
    _distributions(dataset, distributions)
    return dataset


@transaction.atomic
def update_dataset(
    dataset: Dataset, *, expected_revision: int, by, distributions: list[dict] | None = None, **fields
) -> Dataset:
    for name, value in fields.items():
        setattr(dataset, name, value)
    dataset._history_user = by
    save_revision(dataset, expected_revision=expected_revision, fields=list(fields))
    _distributions(dataset, distributions)
    return dataset
