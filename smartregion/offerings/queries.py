"""Reads of offerings: the catalogue with its filters (page, exports, API and site search use it)."""

from django.db.models import Q

from .enums import Level
from .models import Offering


def list_queryset():
    return Offering.objects.prefetch_related("domains")


def filtered(data: dict, queryset=None):
    """Offerings matching the filter values (offerings.filters.OfferingFilter: q, ebene, land, art,
    zielgruppe, feld, kosten, status). A Land's offerings include the federal ones, which serve everybody."""
    queryset = list_queryset() if queryset is None else queryset
    if data.get("q"):
        text = data["q"]
        queryset = queryset.filter(
            Q(name__icontains=text)
            | Q(short_name__icontains=text)
            | Q(provider__icontains=text)
            | Q(summary__icontains=text)
            | Q(how_to_use__icontains=text)
            | Q(code__iexact=text)
        )
    if data.get("ebene"):
        queryset = queryset.filter(level=data["ebene"])
    if data.get("land"):
        queryset = queryset.filter(Q(land_code=data["land"]) | Q(level=Level.BUND))
    if data.get("art"):
        queryset = queryset.filter(kind=data["art"])
    if data.get("zielgruppe"):
        queryset = queryset.filter(target_groups__has_element=data["zielgruppe"])
    if data.get("feld"):
        queryset = queryset.filter(domains__key=data["feld"]).distinct()
    if data.get("kosten"):
        queryset = queryset.filter(cost=data["kosten"])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    return queryset.order_by("name", "pk")
