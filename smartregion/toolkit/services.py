"""Writes of the Werkzeugkasten: guides, their attachments, recommendations, the Bestandsaufnahme."""

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from smartregion.core.attachments import check_document
from smartregion.core.concurrency import save_revision
from smartregion.core.freshness import bulk_written
from smartregion.core.refusals import Refused
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain

from . import stocktake
from .models import Guide, GuideAttachment, Recommendation, Stocktake, StocktakeEntry

DATA_FILE = Path(__file__).resolve().parent / "data" / "werkzeugkasten-v1.json"
GUIDE_FIELDS = [
    "title", "kind", "summary", "body", "dimension_keys", "phases", "agenda_parts", "authors", "as_of", "review_due",
    "published",
]  # fmt: skip
# Templates the shipped guides carry, built from the code that reads them back (always current).
SHIPPED_TEMPLATES = {"stocktake": stocktake.template_bytes}
RECOMMENDATION_FIELDS = ["position", "title", "why", "how", "pitfalls", "phase"]


class StocktakeRefused(Refused):
    pass


def _set_relations(obj, relations: dict) -> None:
    for name, values in relations.items():
        if values is not None:
            getattr(obj, name).set(values)


@transaction.atomic
def create_guide(*, by, slug: str, domains=(), **fields) -> Guide:
    guide = Guide(slug=slug, **fields)
    guide._history_user = by
    guide.save()
    guide.domains.set(domains)
    return guide


@transaction.atomic
def update_guide(guide: Guide, *, expected_revision: int, by, domains=None, change_reason: str = "", **fields) -> Guide:
    """Save a new version of the guide; the previous one stays in its history (versions and diff)."""
    for name, value in fields.items():
        setattr(guide, name, value)
    guide._history_user = by
    save_revision(guide, expected_revision=expected_revision, fields=list(fields), change_reason=change_reason)
    _set_relations(guide, {"domains": domains})
    return guide


@transaction.atomic
def add_attachment(guide: Guide, *, kind: str, title: str, checked, by) -> GuideAttachment:
    """Store an upload that core.attachments.check_image / check_document accepted."""
    attachment = GuideAttachment(
        guide=guide, kind=kind, title=title, content_type=checked.content_type, size=checked.size, uploaded_by=by
    )
    attachment.file.save(checked.content.name, checked.content, save=False)
    attachment._history_user = by
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(attachment: GuideAttachment, *, by) -> None:
    attachment._history_user = by
    attachment.delete()


@transaction.atomic
def create_recommendation(*, by, slug: str, domains=(), example_projects=(), **fields) -> Recommendation:
    recommendation = Recommendation(slug=slug, **fields)
    recommendation._history_user = by
    recommendation.save()
    recommendation.domains.set(domains)
    recommendation.example_projects.set(example_projects)
    return recommendation


@transaction.atomic
def update_recommendation(
    recommendation: Recommendation, *, expected_revision: int, by, domains=None, example_projects=None, **fields
) -> Recommendation:
    for name, value in fields.items():
        setattr(recommendation, name, value)
    recommendation._history_user = by
    save_revision(recommendation, expected_revision=expected_revision, fields=list(fields))
    _set_relations(recommendation, {"domains": domains, "example_projects": example_projects})
    return recommendation


@transaction.atomic
def load_toolkit(path: Path = DATA_FILE, *, today: date | None = None) -> int:
    """Create the shipped guides and recommendations that do not exist yet (by slug).

    Coordinators' edits are never overwritten; example projects are looked up by title among the
    published catalog entries (missing ones are skipped, the catalog may be loaded later).
    """
    content = json.loads(Path(path).read_text(encoding="utf-8"))
    domains = {domain.key: domain for domain in Domain.objects.all()}
    created = 0
    existing = set(Guide.all_objects.values_list("slug", flat=True))
    for entry in content["guides"]:
        if entry["slug"] in existing:
            continue
        fields = {name: entry[name] for name in GUIDE_FIELDS if name in entry}
        fields["as_of"] = date.fromisoformat(entry["as_of"])
        fields["review_due"] = date.fromisoformat(entry["review_due"])
        guide = create_guide(
            by=None,
            slug=entry["slug"],
            domains=[domains[key] for key in entry.get("domains", []) if key in domains],
            **fields,
        )
        for attachment in entry.get("attachments", []):
            raw = SHIPPED_TEMPLATES[attachment["template"]]()
            add_attachment(
                guide, kind="document", title=attachment["title"], checked=check_document(raw, "vorlage.xlsx"), by=None
            )
        created += 1
    existing = set(Recommendation.all_objects.values_list("slug", flat=True))
    for entry in content["recommendations"]:
        if entry["slug"] in existing:
            continue
        titles = entry.get("example_projects", [])
        examples = [project for title in titles for project in Project.objects.filter(title__iexact=title)[:1]]
        create_recommendation(
            by=None,
            slug=entry["slug"],
            domains=[domains[key] for key in entry.get("domains", []) if key in domains],
            example_projects=examples,
            **{name: entry[name] for name in RECOMMENDATION_FIELDS if name in entry},
        )
        created += 1
    return created


@transaction.atomic
def stocktake_for(territory, *, by) -> Stocktake:
    stocktake, _created = Stocktake.objects.get_or_create(territory=territory, defaults={"created_by": by})
    return stocktake


MAX_ENTRIES = 500


@transaction.atomic
def add_entry(stocktake: Stocktake, *, kind: str, title: str, data: dict, by) -> StocktakeEntry:
    if stocktake.entries.count() >= MAX_ENTRIES:
        raise StocktakeRefused(_("Eine Bestandsaufnahme fasst höchstens %(count)s Einträge.") % {"count": MAX_ENTRIES})
    entry = StocktakeEntry(stocktake=stocktake, kind=kind, title=title, data=data)
    entry._history_user = by
    entry.save()
    Stocktake.objects.filter(pk=stocktake.pk).update(updated_at=entry.created_at)
    bulk_written(Stocktake)
    return entry


@transaction.atomic
def update_entry(entry: StocktakeEntry, *, expected_revision: int, by, title: str, data: dict) -> StocktakeEntry:
    entry.title = title
    entry.data = data
    entry._history_user = by
    return save_revision(entry, expected_revision=expected_revision, fields=["title", "data"])


@transaction.atomic
def remove_entry(entry: StocktakeEntry, *, by) -> None:
    entry._history_user = by
    entry.delete()
