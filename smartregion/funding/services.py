"""Writes of funding programmes by coordinators: every edit keeps its history and is checked for
concurrent edits; the dated deadlines follow the deadline text."""

import re
from datetime import date

from django.db import transaction

from smartregion.core.concurrency import save_revision

from .models import Deadline, FundingProgramme

GERMAN_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")

EDITABLE_FIELDS = [
    "name",
    "short_name",
    "level",
    "land",
    "provider",
    "project_agency",
    "applicants",
    "population_min",
    "population_max",
    "funding_type",
    "max_rate_percent",
    "max_amount_eur",
    "stacking",
    "stacking_note",
    "valid_from",
    "valid_until",
    "deadline_text",
    "status",
    "description",
    "url",
    "sources",
    "as_of",
]


def deadlines_in(text: str) -> list[tuple[date, str]]:
    """Every German date in a deadline text, with the clause it stands in as its label."""
    result = []
    for clause in re.split(r"[;]", text or ""):
        for day, month, year in GERMAN_DATE.findall(clause):
            try:
                result.append((date(int(year), int(month), int(day)), clause.strip()[:300]))
            except ValueError:
                continue
    return result


def sync_deadlines(programme: FundingProgramme) -> None:
    """The dated deadlines are exactly those in the programme's deadline text."""
    found = dict(deadlines_in(programme.deadline_text))
    programme.deadlines.exclude(closes_on__in=list(found)).delete()
    for closes_on, label in found.items():
        Deadline.objects.update_or_create(programme=programme, closes_on=closes_on, defaults={"label": label})


@transaction.atomic
def update_programme(
    programme: FundingProgramme, *, expected_revision: int, by, domains=None, excludes=None, **fields
) -> FundingProgramme:
    for name, value in fields.items():
        setattr(programme, name, value)
    programme._history_user = by
    save_revision(programme, expected_revision=expected_revision, fields=list(fields))
    if domains is not None:
        programme.domains.set(domains)
    if excludes is not None:
        programme.excludes.set([other for other in excludes if other.pk != programme.pk])
    sync_deadlines(programme)
    return programme
