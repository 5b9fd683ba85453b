"""Evaluating a text search once: filters, facets, sorting and paging in one pass.

A full-text condition is the expensive part of a catalog query. Repeating it in the count, the page
and nine facet queries costs ten full-text evaluations per request. For a text query the catalog
therefore reads the *matching* projects' facet attributes once (one query), applies the filters,
counts the facets and sorts in Python, and loads only the page's projects. Without a text query the
ordinary SQL path is used (see filters.py); so is a text query matching more than MAX_IN_MEMORY
projects.
"""

from collections import Counter
from collections.abc import Sequence

from django.db import connection
from django.db.models import Count

from . import fulltext
from .enums import OpenSource, Publication
from .models import Project

MAX_IN_MEMORY = 25_000
ATTRIBUTES = [
    "id",
    "primary_domain_id",
    "status",
    "land_id",
    "regbez_id",
    "kreis_id",
    "size_class",
    "start_year",
    "open_source",
    "is_reusable",
    "published_at",
]


class RankedResults(Sequence):
    """An ordered list of project ids that loads model instances only for the slices it is asked for."""

    def __init__(self, ids: list[int], queryset, prefetch: tuple = ()):
        self.ids = ids
        self.queryset = queryset
        self.prefetch = prefetch

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:  # Django's Paginator prefers .count()
        return len(self.ids)

    def values_list(self, *fields, **kwargs):
        """Unordered values of all results (for maps), in one query."""
        return self.queryset.filter(pk__in=self.ids).values_list(*fields, **kwargs)

    def prefetch_related(self, *lookups) -> "RankedResults":
        return RankedResults(self.ids, self.queryset, self.prefetch + lookups)

    def __getitem__(self, index):
        if isinstance(index, slice):
            wanted = self.ids[index]
            objects = self.queryset.filter(pk__in=wanted)
            if self.prefetch:
                objects = objects.prefetch_related(*self.prefetch)
            by_id = {project.pk: project for project in objects}
            return [by_id[pk] for pk in wanted if pk in by_id]
        return self[index : index + 1][0]


class Evaluation:
    """Matching projects with the attributes the filters and facets need, read once."""

    def __init__(self, queryset, query: str):
        self.query = query
        condition, _relevance = fulltext.match_expressions(query) or (None, None)
        self.rows = []
        if condition is not None:
            self.rows = [
                dict(zip(ATTRIBUTES, row, strict=True)) for row in queryset.filter(condition).values_list(*ATTRIBUTES)
            ]
        self.further: dict[int, set[int]] = {}
        if self.rows:
            for project_id, domain_id in _domain_links([row["id"] for row in self.rows]):
                self.further.setdefault(project_id, set()).add(domain_id)

    def matches(self, row, criteria: dict, *, skip: str = "") -> bool:
        for name, wanted in criteria.items():
            if name == skip or wanted in (None, "", False):
                continue
            if name == "feld":
                if row["primary_domain_id"] != wanted and wanted not in self.further.get(row["id"], ()):
                    return False
            elif name == "opensource":
                if row["open_source"] != OpenSource.YES:
                    return False
            elif name == "nachnutzbar":
                if not row["is_reusable"]:
                    return False
            elif row[FIELD_OF[name]] != wanted:
                return False
        return True

    def _failures(self, criteria: dict) -> list[tuple[dict, tuple]]:
        """Each row with the names of the active criteria it fails (computed once per request).

        A row counts for every facet if it fails nothing, and only for facet F if it fails just F
        (disjunctive facets): rows failing two or more criteria count nowhere.
        """
        cached = getattr(self, "_failure_cache", None)
        if cached is not None and cached[0] == criteria:
            return cached[1]
        active = {name: wanted for name, wanted in criteria.items() if wanted not in (None, "", False)}
        result = []
        for row in self.rows:
            failed = tuple(name for name, wanted in active.items() if not self.matches(row, {name: wanted}))
            if len(failed) <= 1:
                result.append((row, failed))
        self._failure_cache = (dict(criteria), result)
        return result

    def facet_counts(self, criteria: dict, name: str) -> Counter:
        counts: Counter = Counter()
        for row, failed in self._failures(criteria):
            if failed and failed != (name,):
                continue
            if name == "feld":
                counts[row["primary_domain_id"]] += 1
                for domain_id in self.further.get(row["id"], ()):
                    counts[domain_id] += 1
            elif name == "opensource":
                counts["1"] += row["open_source"] == OpenSource.YES
            elif name == "nachnutzbar":
                counts["1"] += bool(row["is_reusable"])
            else:
                counts[row[FIELD_OF[name]]] += 1
        counts.pop(None, None)
        counts.pop("", None)
        return counts

    def ordered_ids(self, criteria: dict, sort: str) -> list[int]:
        rows = [row for row, failed in self._failures(criteria) if not failed]
        if sort == "nachnutzung":
            adoptions = dict(
                Project.objects.filter(
                    adopted_from_id__in=[row["id"] for row in rows], publication=Publication.PUBLISHED
                )
                .values("adopted_from_id")
                .annotate(total=Count("id"))
                .order_by()
                .values_list("adopted_from_id", "total")
            )
            rows.sort(key=lambda row: (-adoptions.get(row["id"], 0), _newest(row)))
        elif sort == "relevanz":
            # Relevance only for the rows left after the filters: ranking is the costly part.
            scores = fulltext.match_scores(self.query, ids=[row["id"] for row in rows]) if rows else {}
            rows.sort(key=lambda row: (-scores.get(row["id"], 0.0), _newest(row)))
        else:
            rows.sort(key=_newest)
        return [row["id"] for row in rows]


def _domain_links(ids: list[int]):
    """(project, further domain) pairs; on PostgreSQL one array parameter instead of thousands."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT project_id, domain_id FROM projects_project_domains WHERE project_id = ANY(%s)", [ids]
            )
            return cursor.fetchall()
    return Project.domains.through.objects.filter(project_id__in=ids).values_list("project_id", "domain_id")


FIELD_OF = {
    "status": "status",
    "land": "land_id",
    "bezirk": "regbez_id",
    "kreis": "kreis_id",
    "groesse": "size_class",
    "jahr": "start_year",
}


def _newest(row):
    published = row["published_at"]
    return (-(published.timestamp() if published else 0), -row["id"])
