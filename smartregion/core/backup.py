"""Backup and restore of the application's own data, with a fingerprint to prove completeness.

`export_all` writes a Django fixture (gzip XML, which keeps microseconds) of every model of the apps in
settings.BACKUP_APP_LABELS, including their change history, plus a manifest with per-model row
counts and checksums. `import_all` loads it into an empty database and compares the fingerprint.
For large PostgreSQL installations `pg_dump`/`pg_restore` is the faster path (docs/operations.md);
`verify_backup` compares the fingerprint of any two databases.
"""

import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder


def backup_models(*, include_auto_created: bool = False):
    """The models a backup holds (those of settings.BACKUP_APP_LABELS but settings.BACKUP_EXCLUDED_MODELS);
    the many-to-many tables travel inside their models' rows in the fixture, but are fingerprinted on their own
    (`include_auto_created`)."""
    excluded = set(settings.BACKUP_EXCLUDED_MODELS)
    for label in settings.BACKUP_APP_LABELS:
        for model in apps.get_app_config(label).get_models(include_auto_created=include_auto_created):
            if model._meta.label not in excluded:
                yield model


def _manager(model):
    return model._base_manager


def _content_type_fields(model) -> list[str]:
    """The names of the model's references to a content type."""
    return [
        field.name for field in model._meta.concrete_fields if field.is_relation and field.related_model is ContentType
    ]


def fingerprint() -> dict[str, dict]:
    """Row count and a checksum over all field values, per model, ordered by primary key. A content type is
    counted by its name (app label.model), not its id: ids differ between databases (see backup_xml)."""
    result = {}
    content_types = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    for model in backup_models(include_auto_created=True):
        digest = hashlib.sha256()
        count = 0
        field_names = [field.attname for field in model._meta.concrete_fields]
        if model._meta.auto_created:
            # A many-to-many link is its pair of keys; the fixture does not keep the link table's own id.
            field_names = [name for name in field_names if name != model._meta.pk.attname]
        named = [field_names.index(model._meta.get_field(f).attname) for f in _content_type_fields(model)]
        for row in _manager(model).order_by(*field_names).values_list(*field_names).iterator(chunk_size=2000):
            if named:
                row = list(row)
                for index in named:
                    row[index] = content_types.get(row[index], row[index])
            digest.update(json.dumps(row, cls=DjangoJSONEncoder, sort_keys=True, default=str).encode())
            count += 1
        result[model._meta.label] = {"count": count, "sha256": digest.hexdigest()}
    return result


def is_empty() -> bool:
    return not any(_manager(model).exists() for model in backup_models())


def differences(expected: dict, actual: dict) -> list[str]:
    problems = []
    for label in sorted(set(expected) | set(actual)):
        want, have = expected.get(label), actual.get(label)
        if want != have:
            problems.append(f"{label}: expected {want}, found {have}")
    return problems
