"""Reads of funding programmes: lists with filters, upcoming deadlines."""

from datetime import date, timedelta

from django.db.models import Prefetch, Q

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


def upcoming_deadlines(today: date, days: int = DEADLINE_WINDOW_DAYS):
    return (
        Deadline.objects.filter(closes_on__gte=today, closes_on__lte=today + timedelta(days=days))
        .filter(programme__deleted_at__isnull=True)
        .select_related("programme")
        .order_by("closes_on", "programme__name")
    )


def all_deadlines():
    return Deadline.objects.filter(programme__deleted_at__isnull=True).select_related("programme").order_by("closes_on")
