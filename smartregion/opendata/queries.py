"""Reads of the data inventory: what a user may see, the network's data map."""

from collections import defaultdict

from django.db.models import Count, Max, Q
from django.utils import timezone

from smartregion.accounts.rules import is_platform_admin
from smartregion.core.freshness import Kept
from smartregion.network.models import NetworkMember
from smartregion.projects.enums import Publication
from smartregion.projects.models import Project

from .enums import Access, Theme
from .models import Dataset


def public():
    return Dataset.objects.filter(access=Access.OPEN)


IMPORT_REASON = "Import"  # the change reason projects.importer gives its writes


def _day(moment) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def _project_catalogue_modified() -> str:
    """When the published project catalogue really changed last (ISO: YYYY, YYYY-MM or YYYY-MM-DD).

    A project's real change (ADR 0016, 2026-12-03): for a project imported with its source's own date
    (`source_as_of`, the list's "stand", YYYY or YYYY-MM) that date, not the day of the import; its edits in the
    hub after the import count with their day (history rows whose change reason is not the importer's). For every
    other project its last write (`updated_at`): the importer saves only rows whose values changed, so a re-import
    of unchanged rows moves nothing. The catalogue's date is the latest of these; the day of today when there is
    no published project yet.
    """
    published = Project.objects.filter(publication=Publication.PUBLISHED)
    dates = published.aggregate(
        undated=Max("updated_at", filter=Q(source_as_of="")),
        source=Max("source_as_of"),
    )
    edited = (
        Project.history.filter(id__in=published.filter(~Q(source_as_of="")).values("pk"))
        .exclude(history_change_reason=IMPORT_REASON)
        .aggregate(latest=Max("history_date"))["latest"]
    )
    candidates = [_day(dates["undated"]), dates["source"] or "", _day(edited)]
    return max(candidates) or timezone.localdate().isoformat()


# Two aggregates over every published project (134 ms at 100,000): kept per process until a project changes
# (the history rows change only with their project).
_catalogue_modified = Kept(
    "dcat-project-catalogue-modified",
    _project_catalogue_modified,
    depends_on=(Project,),
    cache=None,
    in_process=True,
    per_language=False,
)


def project_catalogue_modified() -> str:
    return _catalogue_modified.get()


def search(text: str):
    """Open datasets whose title, description or keywords contain the text (inventory page and site search)."""
    return public().filter(Q(title__icontains=text) | Q(description__icontains=text) | Q(keywords__icontains=text))


def filtered(data: dict, queryset):
    """Datasets of `queryset` matching the filter values (opendata.filters.DatasetFilter: q, theme, territory)."""
    if data.get("q"):
        text = data["q"]
        queryset = queryset.filter(
            Q(title__icontains=text) | Q(description__icontains=text) | Q(keywords__icontains=text)
        )
    if data.get("theme"):
        queryset = queryset.filter(theme=data["theme"])
    if data.get("territory"):
        queryset = queryset.filter(territory__ars=data["territory"])
    return queryset


def visible(user):
    """Open datasets, and every dataset of the territories the user edits or coordinates (admins: all)."""
    if not (user and user.is_authenticated):
        return public()
    if is_platform_admin(user):
        return Dataset.objects.all()
    own = user.territory_roles.values("territory_id")
    coordinated = NetworkMember.objects.filter(network__roles__user=user).values("territory_id")
    return Dataset.objects.filter(Q(access=Access.OPEN) | Q(territory_id__in=own) | Q(territory_id__in=coordinated))


def of_territory(territory, user):
    """A territory's datasets as the user may see them (all for its editors, coordinators and admins)."""
    return (
        visible(user)
        .filter(territory=territory)
        .select_related("domain")
        .prefetch_related("distributions")
        .order_by("title")
    )


def network_map(network, *, include_closed: bool) -> tuple[list, list]:
    """Per member: the number of datasets per EU theme (open ones, or all for the network's coordinators)."""
    members = list(network.territories.order_by("name"))
    condition = Q(territory__in=members) if include_closed else Q(territory__in=members, access=Access.OPEN)
    counts = defaultdict(dict)
    for row in Dataset.objects.filter(condition).values("territory_id", "theme").annotate(n=Count("id")):
        counts[row["territory_id"]][row["theme"]] = row["n"]
    themes = [theme for theme in Theme if any(theme.value in counts[m.pk] for m in members)]
    rows = [(member, [counts[member.pk].get(theme.value, 0) for theme in themes]) for member in members]
    return themes, rows
