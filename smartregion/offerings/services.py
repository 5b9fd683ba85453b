"""Writes of offerings by coordinators and platform admins: every change keeps its history and is checked
for concurrent edits (optimistic locking)."""

import re

from django.db import transaction

from smartregion.core.concurrency import save_revision

from .models import Offering

EDITABLE_FIELDS = [
    "name",
    "short_name",
    "provider",
    "level",
    "land_code",
    "kind",
    "target_groups",
    "cost",
    "summary",
    "how_to_use",
    "contact_url",
    "url",
    "sources",
    "as_of",
    "status",
]
CODE_PREFIX = "ANG-"
_NUMBER = re.compile(r"^ANG-(\d+)$")


def next_code() -> str:
    """ANG-059 after ANG-058: the next free number of the catalogue (deleted offerings keep theirs)."""
    codes = Offering.all_objects.values_list("code", flat=True)
    numbers = [int(match[1]) for code in codes if (match := _NUMBER.match(code))]
    return f"{CODE_PREFIX}{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def create_offering(*, by, domains=(), **fields) -> Offering:
    offering = Offering(code=next_code(), **fields)
    offering._history_user = by
    offering.save()
    offering.domains.set(domains)
    return offering


@transaction.atomic
def update_offering(offering: Offering, *, expected_revision: int, by, domains=None, **fields) -> Offering:
    for name, value in fields.items():
        setattr(offering, name, value)
    offering._history_user = by
    save_revision(offering, expected_revision=expected_revision, fields=list(fields))
    if domains is not None:
        offering.domains.set(domains)
    return offering
