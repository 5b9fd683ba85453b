"""The import of a territory's datasets as a job (smartregion.jobs, ADR 0026): the uploaded inventory file is
imported by a worker when there is one, with the permission of the person who uploaded it, asked again."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartregion.jobs.registry import ImportKind, register
from smartregion.territories.models import Territory

from .importer import import_datasets


def _check(user, territory) -> None:
    if not user.has_perm("opendata.add_dataset", territory):
        raise PermissionDenied


def _apply(territory, user, content, file_name, _options):
    return import_datasets(content, territory=territory, by=user, file_name=file_name)


def register_kinds() -> None:
    register(
        ImportKind(
            "opendata-import",
            _("Datenbestände importieren"),
            lambda object_id: Territory.objects.get(pk=int(object_id)),
            _check,
            _apply,
            lambda territory: reverse("opendata:import", args=[territory.code]),
        )
    )
