"""Evaluating a text search once: filters, facets, sorting and paging in one pass.

A full-text condition is the expensive part of a catalog query. Repeating it in the count, the page
and nine facet queries costs ten full-text evaluations per request. For a text query the catalog
therefore reads the *matching* projects' facet attributes once (one query), applies the filters,
counts the facets and sorts in Python, and loads only the page's projects. Without a text query the
ordinary SQL path is used (see filters.py); so is a text query matching more than MAX_IN_MEMORY
projects.
"""

from collections import Counter
from collections.abc import Callable, Sequence

from django.db import connection
from django.db.models import CharField, Count
from django.db.models.expressions import RawSQL

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
            objects = self.queryset.filter(pk__in=wanted).order_by()  # reordered below
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
            # Read newest first, so that a row's position is its "newest" rank: converting thousands of
            # timestamps into datetimes in Python would cost more than the whole query. The further
            # Handlungsfelder come along as a comma-separated list (one query, no list of ids sent back).
            names = [*ATTRIBUTES, "further", "position"]
            matches = (
                queryset.filter(condition)
                .annotate(further=_further_domains())
                .order_by("-published_at", "-id")
                .values_list(*ATTRIBUTES, "further")
            )
            self.rows = [dict(zip(names, (*values, position), strict=True)) for position, values in enumerate(matches)]
            for row in self.rows:
                row["further"] = {int(pk) for pk in row["further"].split(",")} if row["further"] else ()

    def _failures(self, criteria: dict) -> list[tuple[dict, tuple]]:
        """Each row with the names of the active criteria it fails (computed once per request).

        A row counts for every facet if it fails nothing, and only for facet F if it fails just F
        (disjunctive facets): rows failing two or more criteria count nowhere.
        """
        cached = getattr(self, "_failure_cache", None)
        if cached is not None and cached[0] == criteria:
            return cached[1]
        checks = _checks(criteria)
        result = []
        for row in self.rows:
            failed = tuple(name for name, check in checks if not check(row))
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
                for domain_id in row["further"]:
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


def _further_domains():
    """The project's further Handlungsfelder as "3,7" (a correlated subquery, both databases)."""
    aggregate = "string_agg(domain_id::text, ',')" if connection.vendor == "postgresql" else "group_concat(domain_id)"
    return RawSQL(
        f"(SELECT {aggregate} FROM projects_project_domains WHERE project_id = projects_project.id)",
        [],
        output_field=CharField(),
    )


def _checks(criteria: dict) -> list[tuple[str, Callable]]:
    """(name, row → passes?) for each active criterion."""
    checks = []
    for name, wanted in criteria.items():
        if wanted in (None, "", False):
            continue
        if name == "feld":
            checks.append(
                (name, lambda row, wanted=wanted: row["primary_domain_id"] == wanted or wanted in row["further"])
            )
        elif name == "opensource":
            checks.append((name, lambda row: row["open_source"] == OpenSource.YES))
        elif name == "nachnutzbar":
            checks.append((name, lambda row: bool(row["is_reusable"])))
        else:
            checks.append((name, lambda row, field=FIELD_OF[name], wanted=wanted: row[field] == wanted))
    return checks


FIELD_OF = {
    "status": "status",
    "land": "land_id",
    "bezirk": "regbez_id",
    "kreis": "kreis_id",
    "groesse": "size_class",
    "jahr": "start_year",
}


def _newest(row):
    return row["position"]
