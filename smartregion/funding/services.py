"""Writes of funding programmes by coordinators: every edit keeps its history and is checked for
concurrent edits; the dated deadlines follow the deadline rule (or, without one, the deadline text)."""

import re
from datetime import date

from django.db import transaction

from smartregion.core.concurrency import save_revision

from . import deadline_rules
from .models import Deadline, FundingProgramme

RULE_LABEL = "Frist laut Fristregel"  # stored label of a rule's date the deadline text does not name
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
    "funding_kind",
    "max_rate_percent",
    "max_amount_eur",
    "stacking",
    "stacking_note",
    "valid_from",
    "valid_until",
    "deadline_text",
    "deadline_rule",
    "status",
    "description",
    "url",
    "sources",
    "as_of",
    "audit_note",
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


def dated_deadlines(deadline_rule: str, deadline_text: str) -> list[tuple[date, str]]:
    """The deadlines to store: the dates of the rule (einmalig, aufrufe), labelled with the clause of the text
    that names them; without a rule every date of the text. A yearly, running or unknown rule stores none (the
    next yearly date is computed when it is asked for)."""
    rule = deadline_rules.parse_or_empty(deadline_rule)
    in_text = dict(deadlines_in(deadline_text))
    if rule.has_dates:
        return [(day, in_text.get(day) or RULE_LABEL) for day in rule.dates]
    if rule.kind:
        return []
    return list(in_text.items())


def sync_deadlines(programme: FundingProgramme) -> None:
    """The stored deadlines are exactly those of the programme's rule (or its text, without a rule)."""
    found = dict(dated_deadlines(programme.deadline_rule, programme.deadline_text))
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
