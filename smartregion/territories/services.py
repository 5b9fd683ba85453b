"""Writes with behaviour on territories: alliances and their members, the website."""

from django.db import transaction
from django.utils.text import slugify

from smartregion.core.concurrency import save_revision

from .enums import TerritoryKind
from .models import AllianceMember, Territory
from .search import normalize


def _unique_alliance_code(name: str) -> str:
    base = "verbund-" + (slugify(name)[:28] or "ohne-name")
    code, number = base, 2
    while Territory.all_objects.filter(code=code).exists():
        code = f"{base}-{number}"
        number += 1
    return code


@transaction.atomic
def create_alliance(
    *, name: str, alliance_type: str, members, by, description: str = "", website: str = ""
) -> Territory:
    """Create a Verbund (ILE, Zweckverband, Dorfregion, Städtebund …) with its member territories."""
    members = list(members)
    alliance = Territory(
        code=_unique_alliance_code(name),
        name=name,
        short_name=name,
        search_name=normalize(name),
        kind=TerritoryKind.ALLIANCE,
        type_label="",
        alliance_type=alliance_type,
        description=description,
        website=website,
        created_by=by,
    )
    alliance._history_user = by
    alliance.save()
    _apply_aggregates(alliance, members)
    alliance.save()
    for member in members:
        _add_member(alliance, member, by)
    return alliance


@transaction.atomic
def update_alliance(
    alliance: Territory,
    *,
    expected_revision: int,
    by,
    name: str,
    alliance_type: str,
    description: str,
    website: str,
    members,
) -> Territory:
    """Save changed facts and members; raises EditConflict if somebody saved in between."""
    members = list(members)
    alliance.name = name
    alliance.short_name = name
    alliance.search_name = normalize(name)
    alliance.alliance_type = alliance_type
    alliance.description = description
    alliance.website = website
    _apply_aggregates(alliance, members)
    alliance._history_user = by
    save_revision(
        alliance, expected_revision=expected_revision, fields=["name", "alliance_type", "description", "website"]
    )
    wanted = {member.pk for member in members}
    for link in AllianceMember.objects.filter(alliance=alliance).exclude(member_id__in=wanted):
        link._history_user = by
        link.delete()
    existing = set(AllianceMember.objects.filter(alliance=alliance).values_list("member_id", flat=True))
    for member in members:
        if member.pk not in existing:
            _add_member(alliance, member, by)
    return alliance


def _add_member(alliance: Territory, member: Territory, by) -> None:
    if member.pk == alliance.pk or member.is_alliance:
        raise ValueError("an alliance cannot contain itself or another alliance")
    link = AllianceMember(alliance=alliance, member=member)
    link._history_user = by
    link.save()


def _apply_aggregates(alliance: Territory, members: list[Territory]) -> None:
    """Population, area and centre of an alliance follow from its members."""
    alliance.population = sum(member.population or 0 for member in members) or None
    alliance.area_km2 = round(sum(member.area_km2 or 0 for member in members), 2) or None
    alliance.density = (
        round(alliance.population / alliance.area_km2, 1) if alliance.population and alliance.area_km2 else None
    )
    located = [member for member in members if member.latitude is not None and member.area_km2]
    weight = sum(member.area_km2 for member in located)
    if weight:
        alliance.latitude = round(sum(m.latitude * m.area_km2 for m in located) / weight, 6)
        alliance.longitude = round(sum(m.longitude * m.area_km2 for m in located) / weight, 6)
    lands = {member.land_id or (member.pk if member.kind == TerritoryKind.LAND else None) for member in members}
    alliance.land_id = lands.pop() if len(lands) == 1 else None
    kreise = {member.kreis_id for member in members}
    alliance.kreis_id = kreise.pop() if len(kreise) == 1 else None
    regbez = {member.regbez_id for member in members}
    alliance.regbez_id = regbez.pop() if len(regbez) == 1 else None


@transaction.atomic
def delete_alliance(alliance: Territory, *, by) -> None:
    alliance._history_user = by
    alliance.delete()


@transaction.atomic
def set_website(territory: Territory, *, website: str, expected_revision: int, by) -> Territory:
    """The territory's website, set by its admins. Its domain marks requests for access from addresses of
    that domain (ADR 0021). Raises EditConflict if somebody saved the territory in between."""
    territory.website = website
    territory._history_user = by
    return save_revision(territory, expected_revision=expected_revision, fields=["website"])
