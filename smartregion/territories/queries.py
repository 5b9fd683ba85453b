"""Reads of territories: every list and page query lives here with its joins."""

import math
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When

from .enums import TerritoryKind
from .models import Boundary, Territory
from .search import normalize, short_name

LIST_RELATED = ("land", "kreis", "regbez")
KIND_ORDER = Case(
    When(kind=TerritoryKind.GEMEINDE, then=Value(0)),
    When(kind=TerritoryKind.KREIS, then=Value(1)),
    When(kind=TerritoryKind.ALLIANCE, then=Value(2)),
    When(kind=TerritoryKind.VERBAND, then=Value(3)),
    When(kind=TerritoryKind.LAND, then=Value(4)),
    When(kind=TerritoryKind.REGBEZ, then=Value(5)),
    default=Value(6),
    output_field=IntegerField(),
)
KREIS_MEMBER_SORTS = {
    "name": ("short_name",),
    "-name": ("-short_name",),
    "population": ("population", "short_name"),
    "-population": ("-population", "short_name"),
    "area": ("area_km2", "short_name"),
    "-area": ("-area_km2", "short_name"),
    "density": ("density", "short_name"),
    "-density": ("-density", "short_name"),
}


def visible_territories():
    """Territories are public data; alliances that were deleted are not."""
    return Territory.objects.all()


def list_queryset():
    return visible_territories().select_related(*LIST_RELATED)


def search(query: str = "", *, kind: str = "", land_code: str = "", include_inactive: bool = False):
    """Territories matching a name, a key (ARS/AGS) or the postcode of the seat, best first.

    Ranking: exact name or key, then names starting with the query, then names containing it;
    within a rank Gemeinden before Kreise before others, larger before smaller.
    """
    queryset = list_queryset()
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    if kind:
        queryset = queryset.filter(kind=kind)
    if land_code:
        queryset = queryset.filter(Q(land__ars=land_code) | Q(ars=land_code, kind=TerritoryKind.LAND))
    query = (query or "").strip()
    if not query:
        return queryset.annotate(rank=Value(0), kind_order=KIND_ORDER).order_by("kind_order", "-population", "name")
    match = _match(query)
    if match is None:
        return queryset.none()
    ranks = [When(match.exact, then=Value(0))] + ([When(match.starts, then=Value(1))] if match.starts else [])
    rank = Case(*ranks, default=Value(len(ranks)), output_field=IntegerField())
    queryset = queryset.filter(match.found).annotate(rank=rank, kind_order=KIND_ORDER)
    return queryset.order_by("rank", "kind_order", "-population", "name")


@dataclass(frozen=True)
class _Match:
    found: Q  # everything that matches
    exact: Q  # the exact key, postcode or name: ranked first
    starts: Q | None  # names that start with the query: ranked next


def _match(query: str) -> _Match | None:
    """How `query` is looked for: a key (ARS/AGS prefix) or the seat's postcode when it is all digits,
    else the normalised name; None when nothing in it can be searched for."""
    digits = query.replace(" ", "")
    if digits.isdigit():
        exact = Q(ars=digits) | Q(ags=digits) | Q(postcode=digits)
        return _Match(Q(ars__startswith=digits) | Q(ags__startswith=digits) | Q(postcode=digits), exact, None)
    needle = normalize(short_name(query))
    if not needle:
        return None
    return _Match(Q(search_name__contains=needle), Q(search_name=needle), Q(search_name__startswith=needle))


def find_one(text: str) -> Territory | None:
    """The territory a person means by a name or key typed into a form: the exact key, else the best match.

    Exact matches rank first in `search`, so they are asked for first: an index lookup, where the
    search for names that contain the text reads every territory (30 ms at 12,600)."""
    text = (text or "").strip()
    if not text:
        return None
    by_code = Territory.objects.filter(code=text).first()
    if by_code is not None:
        return by_code
    match = _match(text)
    if match is None:
        return None
    matches = search(text)
    return matches.filter(match.exact).first() or matches.first()


def get_detail(code: str) -> Territory:
    return Territory.objects.select_related("parent", "land", "regbez", "kreis", "verband").get(code=code)


def members_of(territory: Territory, *, sort: str = "-population"):
    """Gemeinden of a Kreis or Gemeindeverband, Kreise of a Land or Regierungsbezirk, members of an alliance."""
    order = KREIS_MEMBER_SORTS.get(sort, KREIS_MEMBER_SORTS["-population"])
    if territory.kind == TerritoryKind.ALLIANCE:
        queryset = territory.members.all()
    elif territory.kind == TerritoryKind.KREIS:
        queryset = Territory.objects.filter(kreis=territory, kind=TerritoryKind.GEMEINDE)
    elif territory.kind == TerritoryKind.VERBAND:
        queryset = Territory.objects.filter(verband=territory, kind=TerritoryKind.GEMEINDE)
    elif territory.kind == TerritoryKind.REGBEZ:
        queryset = Territory.objects.filter(regbez=territory, kind=TerritoryKind.KREIS)
    elif territory.kind == TerritoryKind.LAND:
        queryset = Territory.objects.filter(land=territory, kind=TerritoryKind.KREIS)
    else:
        return Territory.objects.none()
    return queryset.filter(is_active=True).select_related("verband", "kreis").order_by(*order)


def networks_of(territory: Territory) -> list:
    """Networks the territory is a member of (through the reverse relation; no import upwards)."""
    return list(territory.networks.filter(deleted_at__isnull=True).order_by("name"))


def boundary_for(territory: Territory):
    level = territory.boundary_level
    if level is None or not territory.ars:
        return None
    return Boundary.objects.filter(level=level, ars=territory.ars).first()


def member_boundaries(territory: Territory, members) -> list[Boundary]:
    """Outlines of the members shown on a Kreis or alliance page, in one query."""
    keys = [member.ars for member in members if member.ars]
    if not keys:
        return []
    levels = {member.boundary_level for member in members if member.boundary_level}
    return list(Boundary.objects.filter(level__in=levels, ars__in=keys))


def boundaries_within(level: str, prefix: str = "") -> list[Boundary]:
    queryset = Boundary.objects.filter(level=level)
    if prefix:
        queryset = queryset.filter(ars__startswith=prefix)
    return list(queryset.order_by("ars"))


def register_summary() -> dict:
    """Counts per level for the start page, in one query."""
    from django.db.models import Count

    counts = {
        row["kind"]: row["total"]
        for row in Territory.objects.filter(is_active=True).values("kind").annotate(total=Count("id")).order_by()
    }
    return {kind: counts.get(kind, 0) for kind in TerritoryKind.values}


def latest_register_import():
    from .models import RegisterImport

    return RegisterImport.objects.first()


def distance_km(lat1, lon1, lat2, lon2) -> float | None:
    """Great-circle distance (haversine), None if a coordinate is missing."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))


def kreise_near(latitude: float, longitude: float, km: float) -> list[int]:
    """Ids of the Kreise (kreisfreie Städte included) whose centre lies within `km` of the point.

    Only the centres inside a box around the point are read (a few instead of all 400); a degree of
    latitude is at least 110 km, so the box holds every centre within `km`."""
    lat_span = km / 110.0
    lon_span = km / (110.0 * max(math.cos(math.radians(latitude)), 0.01))
    centres = Territory.objects.filter(
        kind=TerritoryKind.KREIS,
        latitude__range=(latitude - lat_span, latitude + lat_span),
        longitude__range=(longitude - lon_span, longitude + lon_span),
    ).values_list("pk", "latitude", "longitude")
    return [pk for pk, lat, lon in centres if distance_km(latitude, longitude, lat, lon) <= km]


def editable_territories(user):
    """Territories whose content the user may edit (their territory roles)."""
    if not (user and user.is_authenticated):
        return Territory.objects.none()
    return Territory.objects.filter(roles__user=user).order_by("name")
