"""Reads of the project catalog: visibility, lists with their joins, facets, similar projects."""

import re
from collections import defaultdict

from django.db.models import Count, Q

from smartregion.territories.enums import ACTING_KINDS, TerritoryKind
from smartregion.territories.models import Territory
from smartregion.territories.queries import editable_territories

from . import fulltext, lineage
from .enums import PROGRAMME_LIST_ID_PREFIXES, Publication
from .models import Project

LIST_RELATED = ("lead_territory", "primary_domain", "land", "kreis")


def lead_territory_choices(user, project=None):
    """Territories a person may name as lead: their own; platform admins any acting territory.

    When editing, the project's current lead stays selectable (a coordinator curating a member's project).
    """
    if user.is_superuser:
        return Territory.objects.filter(is_active=True, kind__in=ACTING_KINDS).order_by("name")
    ids = list(editable_territories(user).values_list("pk", flat=True))
    if project is not None and project.lead_territory_id:
        ids.append(project.lead_territory_id)
    return Territory.objects.filter(pk__in=ids).order_by("name")


def visible_to(user):
    """Published projects for everyone; drafts only for the editors of their lead territory, coordinators, admins."""
    queryset = Project.objects.all()
    if user and user.is_authenticated and user.is_superuser:
        return queryset
    visible = Q(publication=Publication.PUBLISHED)
    if user and user.is_authenticated:
        territory_ids = user.territory_roles.values("territory_id")  # a subquery: some editors have thousands
        coordinated = Territory.objects.filter(network_memberships__network__roles__user=user).values("pk")
        visible |= Q(lead_territory_id__in=territory_ids) | Q(lead_territory_id__in=coordinated)
    return queryset.filter(visible)


def attach_labels(projects) -> None:
    """`domain_keys` and `keyword_labels` of each project (in the taxonomy's order), two queries for all of them:
    prefetching builds a queryset and model instances per project and relation (the API's page of 50 spent more
    on that than on anything else)."""
    ids = [project.pk for project in projects]
    domains, keywords = defaultdict(list), defaultdict(list)
    domain_rows = Project.domains.through.objects.filter(project_id__in=ids).order_by("domain__position")
    for project_id, key in domain_rows.values_list("project_id", "domain__key"):
        domains[project_id].append(key)
    keyword_rows = Project.keywords.through.objects.filter(project_id__in=ids).order_by("keyword__label")
    for project_id, label in keyword_rows.values_list("project_id", "keyword__label"):
        keywords[project_id].append(label)
    for project in projects:
        project.domain_keys, project.keyword_labels = domains[project.pk], keywords[project.pk]


def published():
    return Project.objects.filter(publication=Publication.PUBLISHED)


def sees_only_published(user) -> bool:
    """Whether `user` sees exactly the published catalogue: no draft they may see exists (visitors, and most
    people most of the time). Their text searches share one evaluation (filters.ProjectFilter)."""
    if not (user and user.is_authenticated):
        return True
    unpublished = [value for value in Publication.values if value != Publication.PUBLISHED]
    return not visible_to(user).filter(publication__in=unpublished).exists()


def list_queryset(user):
    return visible_to(user).select_related(*LIST_RELATED)


# What a catalog card shows (templates/projects/includes/project_card.html): reading only these columns
# keeps the page's query small (a project row with three territories has about 140 columns).
CARD_COLUMNS = (
    "title",
    "summary",
    "lead_label",
    "status",
    "start_year",
    "open_source",
    "publication",
    "origin",
    "lead_territory__name",
    "land__name",
    "primary_domain__label_de",
    "primary_domain__label_en",
)


def catalog_queryset(user):
    """The catalog page's projects: visible to the user, with the columns and joins of a card."""
    return (
        visible_to(user)
        .select_related("lead_territory", "land", "primary_domain")
        .only("lead_territory", "land", "primary_domain", *CARD_COLUMNS)
    )


def get_detail(user, pk: int) -> Project:
    """A project with what its page shows. Only the three relations every page shows are joined:
    PostgreSQL plans a query of eight joined tables for about 8 ms, longer than it runs, and the
    original of an adopted project (a few) is read when shown."""
    project = (
        visible_to(user)
        .select_related("lead_territory", "primary_domain", "land")
        .prefetch_related("domains", "keywords", "partner_territories", "attachments")
        .get(pk=pk)
    )
    if project.adopted_from_id:  # as the relation reads it (base manager), with its lead territory
        project.adopted_from = reuse_source(project)
    return project


def get_for_similar(user, pk: int) -> Project:
    """A project visible to the user with what a similar-projects ranking needs (similarity.Probe.of)."""
    return visible_to(user).prefetch_related("domains", "keywords").get(pk=pk)


def adoptions_of(project: Project, user):
    """The projects that re-use `project` and that the user may see (drafts: their own editors), newest first."""
    return list(visible_to(user).filter(adopted_from=project).select_related("lead_territory").order_by("-created_at"))


REUSE_CANDIDATES = 10


def not_linkable_ids(project: Project) -> set[int]:
    """The project and every project that re-uses it, directly or further down: none of them can be its
    original (a cycle)."""
    return {project.pk} | lineage.descendant_ids(project)


def reuse_candidates(project: Project, text: str, *, excluded: set[int], limit: int = REUSE_CANDIDATES) -> list:
    """Published projects `project` may be linked to as their re-use, for a search text: by number ("42",
    "/projekte/42/") or full text, best first; never one of `excluded` (not_linkable_ids)."""
    text = (text or "").strip()
    if not text:
        return []
    queryset = (
        published()
        .exclude(pk__in=excluded)
        .select_related("lead_territory")
        .only("title", "lead_label", "status", "lead_territory__name", "publication")
    )
    number = re.fullmatch(r"(?:.*/)?(\d+)/?", text)
    if number:
        return list(queryset.filter(pk=int(number.group(1))))
    return list(fulltext.search(queryset, text).order_by("-relevance", "title")[:limit])


def linkable_sources(project: Project, *, excluded: set[int]):
    """Every project `project` may be marked as a re-use of (what the link form accepts): published ones but
    `excluded` (not_linkable_ids); its current original stays valid as it is."""
    condition = Q(publication=Publication.PUBLISHED, deleted_at__isnull=True)
    if project.adopted_from_id:
        condition |= Q(pk=project.adopted_from_id)
    return Project._base_manager.filter(condition).exclude(pk__in=excluded)


def reuse_source(project: Project) -> Project | None:
    """The project `project` re-uses, with its lead territory (deleted or unpublished ones too: the caller
    decides what the person may see of it)."""
    if not project.adopted_from_id:
        return None
    return Project._base_manager.select_related("lead_territory").filter(pk=project.adopted_from_id).first()


def reuse_counts(project_ids) -> dict[int, int]:
    rows = (
        published()
        .filter(adopted_from_id__in=project_ids)
        .values("adopted_from_id")
        .annotate(total=Count("id"))
        .order_by()
    )
    return {row["adopted_from_id"]: row["total"] for row in rows}


def projects_of_territory(territory: Territory, user, *, limit: int = 20):
    """Projects led by the territory, or (for a Kreis / Land) by territories inside it: the columns of the
    territory page's list (title, status, lead), not the catalogue's four joined territories."""
    return (
        territory_projects(territory, user)
        .select_related("lead_territory")
        .only("title", "status", "lead_label", "lead_territory__name")
        .order_by("-published_at", "-id")[:limit]
    )


def territory_projects(territory: Territory, user):
    """Unsliced, unordered and without joins: the projects of `projects_of_territory` (e.g. as evidence choices)."""
    queryset = visible_to(user)
    if territory.kind == TerritoryKind.KREIS:
        queryset = queryset.filter(Q(kreis=territory) | Q(lead_territory=territory))
    elif territory.kind == TerritoryKind.LAND:
        queryset = queryset.filter(land=territory)
    elif territory.kind == TerritoryKind.REGBEZ:
        queryset = queryset.filter(regbez=territory)
    else:
        # A union of two index lookups instead of one OR across a join (which scans every project).
        led = Project.all_objects.filter(lead_territory=territory).order_by().values("pk")
        partnered = (
            Project.partner_territories.through.objects.filter(territory=territory).order_by().values("project_id")
        )
        queryset = queryset.filter(pk__in=led.union(partnered))
    return queryset


def programme_list_entries() -> Q:
    """The entries of the shipped programme lists (enums.PROGRAMME_LIST_ID_PREFIXES): alike by construction."""
    condition = Q(pk__in=[])
    for prefix in PROGRAMME_LIST_ID_PREFIXES:
        condition |= Q(external_id__startswith=prefix)
    return condition


def projects_of_territories(territories, user):
    """Published and planned projects led by the given territories or inside the given Kreise, for the
    duplicates report: entries of programme lists are left out (issue 22: they share the programme's text,
    so they looked like duplicates of each other)."""
    ids = [territory.pk for territory in territories]
    return (
        list_queryset(user)
        .filter(Q(lead_territory_id__in=ids) | Q(kreis_id__in=ids))
        .exclude(programme_list_entries())
        .prefetch_related("keywords")
        .distinct()
    )
