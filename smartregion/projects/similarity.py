"""Projects that look alike: for "similar projects", duplicate warnings and the network report.

Score = text similarity (full-text relevance of the title and summary words, scaled to 0–4)
      + 2 for the same Handlungsfeld, + 1 per further shared Handlungsfeld
      + 2 per shared keyword (at most 3 counted).
Candidates are the best full-text matches and the projects nearby that share a distinctive keyword
(one that is not on a large share of the catalogue).
Only candidates with a score of at least MIN_SCORE are shown. They are ordered nearest first —
same Kreis, then within NEIGHBOUR_KM (roughly the neighbouring Kreise), then same Land, then the
rest — and by score within each tier.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from ..core import text as german
from ..core.freshness import Kept
from ..taxonomy.models import Domain, Keyword
from ..territories.models import Territory
from ..territories.queries import distance_km, kreise_near
from . import fulltext
from .enums import PLANNED_STATUSES, PROVEN_STATUSES, Publication
from .models import Project

MIN_SCORE = 3.0
NEIGHBOUR_KM = 60
CANDIDATES = 150
# A keyword on more than this share of all projects (and on at least COMMON_KEYWORD_MIN of them)
# brings no candidates from nearby by itself: "Open Data" on thousands of projects is no signal.
COMMON_KEYWORD_SHARE = 0.02
COMMON_KEYWORD_MIN = 50


@dataclass
class Probe:
    title: str
    summary: str = ""
    primary_domain_id: int | None = None
    domain_ids: tuple = ()
    keyword_ids: tuple = ()
    kreis_id: int | None = None
    land_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    exclude_id: int | None = None

    @classmethod
    def of(cls, project: Project) -> "Probe":
        return cls(
            title=project.title,
            summary=project.summary,
            primary_domain_id=project.primary_domain_id,
            domain_ids=tuple(domain.pk for domain in project.domains.all()),  # prefetched on detail pages
            keyword_ids=tuple(keyword.pk for keyword in project.keywords.all()),
            kreis_id=project.kreis_id,
            land_id=project.land_id,
            latitude=project.latitude,
            longitude=project.longitude,
            exclude_id=project.pk,
        )


@dataclass
class Match:
    project: Project
    score: float
    tier: int
    distance_km: float | None

    @property
    def tier_label(self) -> str:
        from django.utils.translation import gettext as _

        return [_("im selben Kreis"), _("in der Nähe"), _("im selben Land"), _("anderswo")][self.tier]


def candidate_queryset():
    """Published projects and planned ones (ideas, plans, running implementations): both can be joined."""
    return Project.objects.filter(
        Q(publication=Publication.PUBLISHED)
        & (Q(status__in=PROVEN_STATUSES) | Q(status__in=PLANNED_STATUSES) | Q(status="unbekannt"))
    )


def _probe_text(probe: Probe) -> str:
    """The title's words: the most distinctive ones. Short titles borrow the summary's longest words.

    Summary words are often generic ("Schnittstellen", "Erfahrungen") and would match most of the
    catalog, which makes ranking slow and the matches meaningless.
    """
    if len(german.significant_terms(probe.title)) >= 2:
        return probe.title
    summary_words = sorted(german.significant_terms(probe.summary, limit=40), key=len, reverse=True)[:3]
    return f"{probe.title} {' '.join(summary_words)}"


def _nearby_projects(probe: Probe):
    """Ids (a subquery) of the projects in the probe's Kreis and the Kreise whose centre is within NEIGHBOUR_KM."""
    if probe.latitude is not None and probe.longitude is not None:
        kreise = kreise_near(probe.latitude, probe.longitude, NEIGHBOUR_KM)
        if probe.kreis_id:
            kreise.append(probe.kreis_id)
        nearby = Q(kreis_id__in=kreise)
    elif probe.kreis_id:
        nearby = Q(kreis_id=probe.kreis_id)
    elif probe.land_id:
        nearby = Q(land_id=probe.land_id)
    else:
        return None
    # all_objects: the candidates are filtered for visibility afterwards; here it would cost a heap read each.
    return Project.all_objects.filter(nearby).values("id")


def _keyword_counts() -> tuple[int, dict[int, int]]:
    """(number of projects, projects per keyword) of the whole catalogue."""
    rows = Project.keywords.through.objects.values("keyword_id").annotate(projects=Count("*")).order_by()
    return Project.all_objects.count(), {row["keyword_id"]: row["projects"] for row in rows}


# Kept in the shared cache for SIMILAR_CACHE_SECONDS, rebuilt after any change to a project or keyword.
_kept_keyword_counts = Kept(
    "keyword-counts",
    _keyword_counts,
    depends_on=(Project, Keyword),
    seconds=None,
    cache="default",
    per_language=False,
    switch="SIMILAR_CACHE_SECONDS",
)


def distinctive_keywords(keyword_ids) -> list[int]:
    """The keywords that are not on a large share of the catalogue (kept like the rankings)."""
    total, counts = _kept_keyword_counts.get()
    common = max(COMMON_KEYWORD_MIN, COMMON_KEYWORD_SHARE * total)
    return [keyword_id for keyword_id in keyword_ids if counts.get(keyword_id, 0) <= common]


def _shared_keywords(probe: Probe, text_ids: list[int]) -> dict[int, int]:
    """Number of shared keywords, for the text candidates and for projects nearby.

    A keyword shared by thousands of projects across a Land is no signal, and counting them all
    would make every lookup slow: the text candidates count every shared keyword, projects nearby
    are found through the distinctive ones only (their count then covers all shared keywords).
    Small queries: an OR of both scopes defeats the indexes.
    """
    through = Project.keywords.through.objects.filter(keyword_id__in=probe.keyword_ids)
    if probe.exclude_id:
        through = through.exclude(project_id=probe.exclude_id)
    shared: dict[int, int] = dict(_counted(through.filter(project_id__any_of=text_ids))) if text_ids else {}
    distinctive = distinctive_keywords(probe.keyword_ids)
    nearby = _nearby_projects(probe) if distinctive else None
    if nearby is not None:
        found = through.filter(keyword_id__in=distinctive, project_id__in=nearby).values("project_id")
        for project_id, count in _counted(through.filter(project_id__in=found)):
            shared.setdefault(project_id, count)
    return shared


def _counted(rows) -> list[tuple[int, int]]:
    """(project id, shared keywords) of the CANDIDATES projects with the most."""
    counted = rows.values("project_id").annotate(shared=Count("*")).order_by("-shared", "-project_id")
    return [(row["project_id"], row["shared"]) for row in counted[:CANDIDATES]]


def similar(probe: Probe, *, limit: int = 6) -> list[Match]:
    """The most similar published projects, nearest first. The ranking of an existing project is kept
    in the shared cache until a project, keyword, Handlungsfeld or territory changes (core.freshness); which of the
    ranked projects may be shown is read fresh every time, so a deleted or withdrawn one never appears."""
    base = _base(probe)
    chosen = _kept_ranking.get(probe, limit) if probe.exclude_id else _ranked(probe, base, limit)
    projects = base.filter(pk__in=[row[2] for row in chosen]).select_related("lead_territory").in_bulk()
    return [
        Match(projects[pk], round(-negative, 2), tier, distance)
        for tier, negative, pk, distance in chosen
        if pk in projects
    ]


def _ranked(probe: Probe, base, limit: int) -> list[tuple]:
    """(tier, -score, project id, distance) of the best candidates."""
    text_hits = fulltext.top_matches_any(_probe_text(probe), limit=CANDIDATES)
    text_hits.pop(probe.exclude_id, None)
    keyword_hits = _shared_keywords(probe, list(text_hits)) if probe.keyword_ids else {}
    ids = set(text_hits) | set(keyword_hits)
    if not ids:
        return []
    # One row per candidate and further domain (one query, not one for the rows and one for the domains).
    rows: dict[int, tuple] = {}
    further: dict[int, set[int]] = {}
    for *row, other_domain in (
        base.filter(pk__any_of=list(ids))
        .order_by()
        .values_list("id", "primary_domain_id", "kreis_id", "land_id", "latitude", "longitude", "domains")
    ):
        rows[row[0]] = tuple(row)
        further.setdefault(row[0], set()).add(other_domain)
    best = max(text_hits.values(), default=0) or 1
    scored = []
    for project_id, domain_id, kreis_id, land_id, latitude, longitude in rows.values():
        score = 4 * (text_hits.get(project_id, 0) / best)
        if probe.primary_domain_id and domain_id == probe.primary_domain_id:
            score += 2
        score += len(further.get(project_id, set()) & set(probe.domain_ids))
        score += 2 * min(keyword_hits.get(project_id, 0), 3)
        if score < MIN_SCORE:
            continue
        distance = distance_km(probe.latitude, probe.longitude, latitude, longitude)
        if probe.kreis_id and kreis_id == probe.kreis_id:
            tier = 0
        elif distance is not None and distance <= NEIGHBOUR_KM:
            tier = 1
        elif probe.land_id and land_id == probe.land_id:
            tier = 2
        else:
            tier = 3
        scored.append((tier, -score, project_id, distance))
    scored.sort()
    return scored[:limit]


# --- Clusters across a network ----------------------------------------------------------------

CLUSTER_MIN_JACCARD = 0.25


@dataclass
class Cluster:
    projects: list
    shared_terms: list[str]

    @property
    def territories(self) -> list[str]:
        return sorted({project.lead_name for project in self.projects})


def _terms(project) -> set[str]:
    text = " ".join([project.title, project.summary, " ".join(k.label for k in project.keywords.all())])
    return set(german.stem_terms(german.significant_terms(text, limit=40)))


def clusters(projects) -> list[Cluster]:
    """Groups of look-alike projects from different territories (same Handlungsfeld, overlapping
    words: Jaccard similarity of stemmed significant terms of at least CLUSTER_MIN_JACCARD).

    `projects` should have `keywords` prefetched. Quadratic within a Handlungsfeld: meant for one
    network's projects (hundreds), not the whole catalog.
    """
    projects = list(projects)
    terms = {project.pk: _terms(project) for project in projects}
    parent = {project.pk: project.pk for project in projects}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    by_domain: dict = {}
    for project in projects:
        by_domain.setdefault(project.primary_domain_id, []).append(project)
    for group in by_domain.values():
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                if first.lead_name == second.lead_name:
                    continue
                union = terms[first.pk] | terms[second.pk]
                if union and len(terms[first.pk] & terms[second.pk]) / len(union) >= CLUSTER_MIN_JACCARD:
                    parent[root(first.pk)] = root(second.pk)
    groups: dict = {}
    for project in projects:
        groups.setdefault(root(project.pk), []).append(project)
    result = []
    for members in groups.values():
        if len(members) < 2:
            continue
        shared = set.intersection(*(terms[member.pk] for member in members))
        result.append(Cluster(sorted(members, key=lambda p: p.lead_name), sorted(shared)))
    result.sort(key=lambda cluster: (-len(cluster.projects), cluster.projects[0].title))
    return result


def _base(probe: Probe):
    base = candidate_queryset()
    return base.exclude(pk=probe.exclude_id) if probe.exclude_id else base


_kept_ranking = Kept(
    "similar-projects",
    lambda probe, limit: _ranked(probe, _base(probe), limit),
    depends_on=(Project, Keyword, Domain, Territory),
    seconds=None,
    cache="default",
    per_language=False,
    switch="SIMILAR_CACHE_SECONDS",
)
