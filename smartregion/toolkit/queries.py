"""Reads of the Werkzeugkasten: lists with filters, guides in context, versions and their diff."""

import difflib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q

from smartregion.projects.enums import Publication
from smartregion.projects.models import Project

from .enums import Phase
from .models import Guide, Recommendation, Stocktake


@dataclass(frozen=True)
class GuideLink:
    title: str
    url: str
    kind: str


def visible_guides(user):
    guides = Guide.objects.all()
    if not user.has_perm("toolkit.change_guide"):
        guides = guides.filter(published=True)
    return guides


def _words(text: str) -> list[str]:
    return [word for word in (text or "").split() if len(word) >= 2][:8]


def _text_filter(words: list[str], fields: list[str]) -> Q:
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


GUIDE_TEXT = ["title", "summary", "body", "authors"]
RECOMMENDATION_TEXT = ["title", "why", "how", "pitfalls"]


def guide_list(user, **filters):
    """The guides `user` may see that match the filters, with their Handlungsfelder (2 queries)."""
    return filtered_guides(visible_guides(user), **filters)


def filtered_guides(guides, *, q: str = "", kind: str = "", phase: str = "", domain: str = "", dimension: str = ""):
    """`guides` narrowed by the filters of toolkit.filters.GuideFilter, with their Handlungsfelder (2 queries)."""
    guides = guides.filter(_text_filter(_words(q), GUIDE_TEXT))
    if kind:
        guides = guides.filter(kind=kind)
    if domain:
        guides = guides.filter(domains__key=domain)
    guides = list(guides.prefetch_related("domains").distinct())
    if phase:
        guides = [guide for guide in guides if phase in guide.phases]
    if dimension:
        guides = [guide for guide in guides if dimension in guide.dimension_keys]
    return guides


def recommendation_list(*, q: str = "", phase: str = ""):
    recommendations = Recommendation.objects.filter(_text_filter(_words(q), RECOMMENDATION_TEXT))
    if phase:
        recommendations = recommendations.filter(phase=phase)
    return recommendations.prefetch_related(
        "domains",
        Prefetch(
            "example_projects", queryset=Project.objects.filter(publication=Publication.PUBLISHED).only("pk", "title")
        ),
    )


def first_recommendations(limit: int = 5):
    return Recommendation.objects.only("slug", "title", "position")[:limit]


def overdue_guides(today: date):
    return Guide.objects.filter(review_due__lt=today).order_by("review_due")


def _published_guides():
    return list(Guide.objects.filter(published=True).prefetch_related("domains").order_by("title"))


def guides_for_cells(cells) -> dict[int, list[GuideLink]]:
    """Per matrix cell id: the published guides tagged with its dimension and (if they name any) its Handlungsfeld."""
    guides = _published_guides()
    result = {}
    for cell in cells:
        result[cell.pk] = [
            GuideLink(guide.title, guide.get_absolute_url(), guide.get_kind_display())
            for guide in guides
            if cell.dimension.key in guide.dimension_keys
            and (not guide.domains.all() or any(d.pk == cell.domain_id for d in guide.domains.all()))
        ]
    return result


def guides_for_agenda_parts() -> dict[str, list[GuideLink]]:
    """Per part of a Digitalisierungskonzept (ausgangslage, akteure, …): the published guides for it."""
    result = defaultdict(list)
    for guide in Guide.objects.filter(published=True).only("slug", "title", "kind", "agenda_parts").order_by("title"):
        for part in guide.agenda_parts:
            result[part].append(GuideLink(guide.title, guide.get_absolute_url(), guide.get_kind_display()))
    return dict(result)


def guides_for_measure(domain_ids: set[int]) -> list[GuideLink]:
    """Guides for carrying out a measure: phase Umsetzung, sharing a Handlungsfeld or naming none."""
    return [
        GuideLink(guide.title, guide.get_absolute_url(), guide.get_kind_display())
        for guide in _published_guides()
        if Phase.UMSETZUNG in guide.phases
        and (not guide.domains.all() or any(d.pk in domain_ids for d in guide.domains.all()))
    ]


@dataclass
class Version:
    number: int
    record: object

    @property
    def date(self):
        return self.record.history_date

    @property
    def reason(self) -> str:
        return self.record.history_change_reason or ""


def versions(guide: Guide) -> list[Version]:
    """Every saved version of a guide, newest first, numbered from 1 (the first)."""
    records = list(guide.history.order_by("history_date", "history_id"))
    return [Version(number, record) for number, record in reversed(list(enumerate(records, start=1)))]


@dataclass
class DiffLine:
    op: str  # "same", "added", "removed"
    text: str


def diff(older, newer) -> dict[str, list[DiffLine]]:
    """Line diff of the text fields between two versions (history records) of a guide; unchanged fields left out."""
    result = {}
    for name in ("title", "summary", "body"):
        before = (getattr(older, name) or "").splitlines()
        after = (getattr(newer, name) or "").splitlines()
        if before == after:
            continue
        lines = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                lines.extend(DiffLine("same", line) for line in before[i1:i2])
                continue
            lines.extend(DiffLine("removed", line) for line in before[i1:i2])
            lines.extend(DiffLine("added", line) for line in after[j1:j2])
        result[name] = lines
    return result


def stocktake_of(territory) -> Stocktake | None:
    return Stocktake.objects.filter(territory=territory).prefetch_related("entries").first()
