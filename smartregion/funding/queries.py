"""Reads of funding programmes: lists with filters, upcoming deadlines."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q

from . import deadline_rules
from .enums import DEADLINE_WINDOW_DAYS
from .models import Deadline, FundingProgramme


def list_queryset():
    return FundingProgramme.objects.select_related("land").prefetch_related(
        "domains", Prefetch("deadlines", queryset=Deadline.objects.order_by("closes_on"))
    )


def filtered(data: dict, queryset=None):
    """Programmes matching the filter values (funding.filters.ProgrammeFilter: q, ebene, land, feld, status)."""
    queryset = list_queryset() if queryset is None else queryset
    if data.get("q"):
        text = data["q"]
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(short_name__icontains=text) | Q(description__icontains=text)
        )
    if data.get("ebene"):
        queryset = queryset.filter(level=data["ebene"])
    if data.get("land"):
        queryset = queryset.filter(Q(land__ars=data["land"]) | Q(land__isnull=True))
    if data.get("feld"):
        queryset = queryset.filter(domains__key=data["feld"]).distinct()
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    return queryset.order_by("level", "name", "pk")


@dataclass(frozen=True)
class YearlyDeadline:
    """The next date of a yearly deadline rule (not stored: it moves on every year)."""

    programme: FundingProgramme
    closes_on: date
    label: str


def yearly_deadlines(today: date) -> list[YearlyDeadline]:
    """The next date of every programme with a yearly deadline (on or after today)."""
    result = []
    for programme in FundingProgramme.objects.filter(deadline_rule__startswith=deadline_rules.YEARLY + ":"):
        rule = deadline_rules.parse_or_empty(programme.deadline_rule)
        if rule.kind == deadline_rules.YEARLY:
            result.append(YearlyDeadline(programme, rule.next_yearly(today), rule.describe()))
    return result


def upcoming_deadlines(today: date, days: int = DEADLINE_WINDOW_DAYS) -> list:
    """Stored deadlines and the next yearly ones within `days`, by date and programme name."""
    end = today + timedelta(days=days)
    stored = list(
        Deadline.objects.filter(closes_on__gte=today, closes_on__lte=end)
        .filter(programme__deleted_at__isnull=True)
        .select_related("programme")
    )
    yearly = [deadline for deadline in yearly_deadlines(today) if deadline.closes_on <= end]
    return sorted(stored + yearly, key=lambda deadline: (deadline.closes_on, deadline.programme.name))


def all_deadlines(today: date) -> list:
    """Every stored deadline and the next date of each yearly one (the calendar feed)."""
    stored = list(Deadline.objects.filter(programme__deleted_at__isnull=True).select_related("programme"))
    return sorted(stored + yearly_deadlines(today), key=lambda deadline: (deadline.closes_on, deadline.programme.name))
