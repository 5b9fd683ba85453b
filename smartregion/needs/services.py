"""Writes of needs: typed in by a territory, or recorded from an assessment's largest gaps."""

from dataclasses import dataclass

from django.db import transaction

from smartregion.core.concurrency import save_revision

from .enums import NeedOrigin
from .models import Need

EDITABLE_FIELDS = ["title", "description", "status", "is_public"]


@dataclass
class GapNeed:
    """A need proposed by another app (an assessment gap, a workshop card)."""

    key: str
    title: str
    description: str
    domain_ids: list[int]


@transaction.atomic
def create_need(*, territory, by, domains=(), origin: str = NeedOrigin.ENTERED, **fields) -> Need:
    need = Need(territory=territory, origin=origin, created_by=by, **fields)
    need._history_user = by
    need.save()
    need.domains.set(domains)
    return need


@transaction.atomic
def update_need(need: Need, *, expected_revision: int, by, domains=None, **fields) -> Need:
    for name, value in fields.items():
        setattr(need, name, value)
    need._history_user = by
    save_revision(need, expected_revision=expected_revision, fields=list(fields))
    if domains is not None:
        need.domains.set(domains)
    return need


def delete_need(need: Need, *, by) -> None:
    need._history_user = by
    need.delete()


@transaction.atomic
def record_gaps(
    *,
    territory,
    gaps: list[GapNeed],
    origin_ref: str,
    origin_url: str,
    is_public: bool,
    by,
    origin=NeedOrigin.ASSESSMENT,
) -> list[Need]:
    """Create a need per gap unless the territory already has one for the same key (from an earlier cycle,
    perhaps edited since: a person's words win). Returns the needs created."""
    existing = set(
        Need.objects.filter(territory=territory, origin_key__in=[gap.key for gap in gaps]).values_list(
            "origin_key", flat=True
        )
    )
    created = []
    for gap in gaps:
        if gap.key in existing:
            continue
        need = Need(
            territory=territory,
            title=gap.title,
            description=gap.description,
            origin=origin,
            origin_ref=origin_ref,
            origin_key=gap.key,
            origin_url=origin_url,
            is_public=is_public,
            created_by=by,
        )
        need._history_user = by
        need.save()
        need.domains.set(gap.domain_ids)
        created.append(need)
    return created


@transaction.atomic
def set_public_for_origin(*, origin_ref: str, is_public: bool, by) -> int:
    """When the source's visibility changes (an assessment made private), its needs follow (with history)."""
    changed = 0
    for need in Need.objects.filter(origin_ref=origin_ref).exclude(is_public=is_public):
        need.is_public = is_public
        need.revision += 1
        need._history_user = by
        need.save(update_fields=["is_public", "revision", "updated_at"])
        changed += 1
    return changed
