"""Evaluating a text search once: filters, facets, sorting and paging in one pass.

A full-text condition is the expensive part of a catalog query. Repeating it in the count, the page
and nine facet queries costs ten full-text evaluations per request. For a text query the catalog
therefore evaluates the matches once:

- on PostgreSQL in one SQL statement (`SqlEvaluation`): the matches are materialised in a CTE with
  one flag per active filter; the disjunctive facet counts and the ordered ids of the results come
  from the same statement, so no matching rows travel to Python;
- on SQLite (`Evaluation`) by reading the matching projects' facet attributes once (one query),
  applying the filters, counting the facets and sorting in Python. A text query matching more than
  MAX_IN_MEMORY projects takes the ordinary SQL path instead (see filters.py).

Either way only the page's projects are loaded as model instances (`RankedResults`).
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
FIELD_OF = {
    "status": "status",
    "land": "land_id",
    "bezirk": "regbez_id",
    "kreis": "kreis_id",
    "groesse": "size_class",
    "jahr": "start_year",
}
FACET_NAMES = ("feld", "status", "land", "bezirk", "kreis", "groesse", "jahr", "opensource", "nachnutzbar")
PLACE_FACETS = ("land", "bezirk", "kreis")


def evaluate(queryset, query: str, criteria: dict, sort: str, *, facets: bool = True):
    """The evaluation of a text query for this database, or None when the query is better left to SQL.
    Without `facets` (the API) only the ordered results are evaluated."""
    if connection.vendor == "postgresql":
        return SqlEvaluation(queryset, query, criteria, sort, facets=facets)
    evaluation = Evaluation(queryset, query, criteria, sort)
    return evaluation if len(evaluation.rows) <= MAX_IN_MEMORY else None


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


def _active(criteria: dict) -> dict:
    return {name: wanted for name, wanted in criteria.items() if wanted not in (None, "", False)}


class Evaluation:
    """SQLite: matching projects with the attributes the filters and facets need, read once."""

    def __init__(self, queryset, query: str, criteria: dict, sort: str):
        self.query = query
        self.criteria = criteria
        self.sort = sort
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
        self._failures = self._rows_with_failures()

    def _rows_with_failures(self) -> list[tuple[dict, tuple]]:
        """Each row with the names of the active criteria it fails.

        A row counts for every facet if it fails nothing, and only for facet F if it fails just F
        (disjunctive facets): rows failing two or more criteria count nowhere.
        """
        checks = _checks(self.criteria)
        result = []
        for row in self.rows:
            failed = tuple(name for name, check in checks if not check(row))
            if len(failed) <= 1:
                result.append((row, failed))
        return result

    def place_ids(self) -> set:
        return {row[field] for row in self.rows for field in ("land_id", "regbez_id", "kreis_id")}

    def facet_counts(self, name: str) -> Counter:
        counts: Counter = Counter()
        for row, failed in self._failures:
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

    def ordered_ids(self) -> list[int]:
        rows = [row for row, failed in self._failures if not failed]
        if self.sort == "nachnutzung":
            adoptions = dict(
                Project.objects.filter(
                    adopted_from_id__in=[row["id"] for row in rows], publication=Publication.PUBLISHED
                )
                .values("adopted_from_id")
                .annotate(total=Count("id"))
                .order_by()
                .values_list("adopted_from_id", "total")
            )
            rows.sort(key=lambda row: (-adoptions.get(row["id"], 0), row["position"]))
        elif self.sort == "relevanz":
            # Relevance only for the rows left after the filters: ranking is the costly part.
            scores = fulltext.match_scores(self.query, ids=[row["id"] for row in rows]) if rows else {}
            rows.sort(key=lambda row: (-scores.get(row["id"], 0.0), row["position"]))
        else:
            rows.sort(key=lambda row: row["position"])
        return [row["id"] for row in rows]


def _further_domains():
    """The project's further Handlungsfelder as "3,7" (a correlated subquery)."""
    return RawSQL(
        "(SELECT group_concat(domain_id) FROM projects_project_domains WHERE project_id = projects_project.id)",
        [],
        output_field=CharField(),
    )


def _checks(criteria: dict) -> list[tuple[str, Callable]]:
    """(name, row → passes?) for each active criterion."""
    checks = []
    for name, wanted in _active(criteria).items():
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


class SqlEvaluation:
    """PostgreSQL: facet counts and the ordered result ids of a text query in one statement.

    The matches (the catalog queryset with the full-text condition, as Django compiles it) are
    materialised once with a flag per active filter and the number of filters each row fails; every
    facet is a GROUP BY over that small table, the result ids come ordered with their rank.
    """

    def __init__(self, queryset, query: str, criteria: dict, sort: str, *, facets: bool = True):
        self.query = query
        self.criteria = criteria
        self.sort = sort
        self.facets = facets
        self._counts: dict[str, Counter] = {name: Counter() for name in FACET_NAMES}
        self._ids: list[int] = []
        self._run(queryset)

    def _flags(self) -> tuple[list[str], list]:
        """SQL conditions "row passes filter F" for the active filters, and their parameters."""
        expressions, params = [], []
        for name, wanted in _active(self.criteria).items():
            if name == "feld":
                expressions.append(
                    "(m.primary_domain_id = %s OR EXISTS (SELECT 1 FROM projects_project_domains d "
                    "WHERE d.project_id = m.id AND d.domain_id = %s))"
                )
                params += [wanted, wanted]
            elif name == "opensource":
                expressions.append("m.open_source = %s")
                params.append(OpenSource.YES.value)
            elif name == "nachnutzbar":
                expressions.append("m.is_reusable")
            else:
                expressions.append(f"m.{FIELD_OF[name]} = %s")
                params.append(wanted)
        return expressions, params

    def _run(self, queryset) -> None:
        expressions = fulltext.match_expressions(self.query)
        if expressions is None:
            return
        matches = queryset.filter(expressions[0]).order_by().values_list(*ATTRIBUTES, "published_at")
        matches_sql, matches_params = matches.query.sql_with_params()
        active = list(_active(self.criteria))
        flags, flag_params = self._flags()
        ok_columns = "".join(
            f", coalesce(({flag}), false) AS ok_{name}" for name, flag in zip(active, flags, strict=True)
        )
        params = [*flag_params, *matches_params]  # in the order they appear in the statement below
        # Rows failing no filter ("hits") count for every facet; a row failing only filter F counts for F.
        hits = "hits" if active else "flagged"
        branches = []
        for name in FACET_NAMES if self.facets else ():
            source = f"flagged WHERE (failures = 0 OR NOT ok_{name})" if name in active else f"{hits} WHERE true"
            if name == "feld":
                branches.append(f"SELECT 'feld', primary_domain_id::text, count(*) FROM {source} GROUP BY 2")  # nosec B608
                branches.append(
                    "SELECT 'feld', d.domain_id::text, count(*) FROM projects_project_domains d "  # nosec B608
                    f"JOIN (SELECT id FROM {source}) counted ON d.project_id = counted.id GROUP BY 2"
                )
            elif name in ("opensource", "nachnutzbar"):
                condition = "open_source = %s" if name == "opensource" else "is_reusable"
                branches.append(f"SELECT '{name}', '1', count(*) FILTER (WHERE {condition}) FROM {source}")  # nosec B608
                params += [OpenSource.YES.value] if name == "opensource" else []
            else:
                branches.append(f"SELECT '{name}', {FIELD_OF[name]}::text, count(*) FROM {source} GROUP BY 2")  # nosec B608
        order, joins, order_params = self._order(hits)
        branches.append(f"SELECT 'id', {hits}.id::text, row_number() OVER (ORDER BY {order}) FROM {hits} {joins}")  # nosec B608
        params += order_params
        passes = " + ".join(f"(NOT ok_{name})::int" for name in active) or "0"
        sql = (
            "WITH flagged AS MATERIALIZED ("  # nosec B608
            f"SELECT flags.*, {passes} AS failures FROM (SELECT m.*{ok_columns} FROM ({matches_sql}) m) flags "
            f"WHERE {passes} <= 1)"
            + (", hits AS MATERIALIZED (SELECT * FROM flagged WHERE failures = 0) " if active else " ")
            + " UNION ALL ".join(branches)
        )
        ranked_ids = []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for kind, key, value in cursor.fetchall():
                if kind == "id":
                    ranked_ids.append((value, int(key)))
                elif key not in (None, ""):
                    self._counts[kind][_typed(kind, key)] += value
        ranked_ids.sort()
        self._ids = [pk for _rank, pk in ranked_ids]

    def _order(self, hits: str) -> tuple[str, str, list]:
        newest = f"{hits}.published_at DESC, {hits}.id DESC"
        if self.sort == "relevanz":
            join = (
                f"JOIN projects_project ranked ON ranked.id = {hits}.id "
                "CROSS JOIN websearch_to_tsquery('german', %s) AS ranking_query"
            )
            return f"ts_rank(ranked.search_vector, ranking_query) DESC, {newest}", join, [self.query]
        if self.sort == "nachnutzung":
            join = (
                "LEFT JOIN (SELECT adopted_from_id, count(*) AS total FROM projects_project "  # nosec B608
                "WHERE publication = %s AND deleted_at IS NULL AND adopted_from_id IS NOT NULL "
                f"GROUP BY adopted_from_id) adoptions ON adoptions.adopted_from_id = {hits}.id"
            )
            return f"coalesce(adoptions.total, 0) DESC, {newest}", join, [Publication.PUBLISHED.value]
        return newest, "", []

    def place_ids(self) -> set:
        return {pk for name in PLACE_FACETS for pk in self._counts[name]}

    def facet_counts(self, name: str) -> Counter:
        counts = Counter(self._counts[name])
        if name in ("opensource", "nachnutzbar") and not counts:
            counts["1"] = 0
        return counts

    def ordered_ids(self) -> list[int]:
        return self._ids


def _typed(kind: str, key: str):
    """Facet keys as the Python evaluation has them: ids and years as int, the rest as text."""
    if kind in ("feld", "land", "bezirk", "kreis", "jahr"):
        return int(key)
    return key
