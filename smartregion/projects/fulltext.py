"""Full-text search over projects with German stemming, on both databases.

- SQLite: an FTS5 table `projects_fulltext(title, summary, body)` holding *stemmed* text (Snowball
  German, computed in Python); queries are stemmed the same way; ranking by bm25 with column
  weights title 10, summary 4, body 1.
- PostgreSQL: a `tsvector` column (`projects_project.search_vector`) with weights A (title),
  B (summary, keywords), C (the rest), built with the `german` configuration, a GIN index, and
  `ts_rank` for ranking.

The index is updated by `index_projects` which the services call after every write (no signals).
See docs/adr/0008-project-search.md.
"""

from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from smartregion.core.freshness import bulk_written
from smartregion.core.text import significant_terms, stem_terms, stem_text

TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0


def _fts5_query(query: str) -> str:
    terms = [term for term in stem_text(query).split() if term]
    # Every term must occur; the last one may be a prefix (search while typing).
    quoted = [f'"{term}"' for term in terms]
    if quoted:
        quoted[-1] += "*"
    return " AND ".join(quoted)


def _documents(projects):
    for project in projects:
        keywords = " ".join(keyword.label for keyword in project.keywords.all())
        body = " ".join(
            [
                project.problem,
                project.solution,
                project.lessons_learned,
                project.data_used,
                project.interfaces_standards,
                project.lead_name,
            ]
        )
        yield project, project.title, f"{project.summary} {keywords}", body


def index_projects(projects) -> None:
    """(Re-)index the given projects (with `keywords` prefetched for speed)."""
    projects = list(projects)
    if not projects:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "UPDATE projects_project SET search_vector = "
                "setweight(to_tsvector('german', %s), 'A') || setweight(to_tsvector('german', %s), 'B') || "
                "setweight(to_tsvector('german', %s), 'C') WHERE id = %s",
                [(title, summary, body, project.pk) for project, title, summary, body in _documents(projects)],
            )
            cursor.executemany(
                "INSERT INTO projects_title_index (project_id, vector) VALUES (%s, to_tsvector('german', %s)) "
                "ON CONFLICT (project_id) DO UPDATE SET vector = EXCLUDED.vector",
                [(project.pk, project.title) for project in projects],
            )
        else:
            cursor.executemany(
                "DELETE FROM projects_fulltext WHERE rowid = %s", [(project.pk,) for project in projects]
            )
            cursor.executemany(
                "INSERT INTO projects_fulltext (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                [
                    (project.pk, stem_text(title), stem_text(summary), stem_text(body))
                    for project, title, summary, body in _documents(projects)
                ],
            )
    from . import match_index  # the matching engine's term index (it builds on this module's stemmer)

    match_index.index_projects(projects)
    bulk_written(type(projects[0]))  # kept rankings read the index (core.freshness)


def match_expressions(query: str):
    """(condition, relevance) expressions for a text query, or None if it has no searchable word."""
    if connection.vendor == "postgresql":
        tsquery = "websearch_to_tsquery('german', %s)"
        condition = RawSQL(f"projects_project.search_vector @@ {tsquery}", [query], output_field=BooleanField())  # nosec B611
        relevance = RawSQL(f"ts_rank(projects_project.search_vector, {tsquery})", [query], output_field=FloatField())  # nosec B611
        return condition, relevance
    match = _fts5_query(query)
    if not match:
        return None
    condition = RawSQL(
        "projects_project.id IN (SELECT rowid FROM projects_fulltext WHERE projects_fulltext MATCH %s)",
        [match],
        output_field=BooleanField(),
    )
    relevance = RawSQL(
        "(SELECT -bm25(projects_fulltext, %s, %s, %s) FROM projects_fulltext "
        "WHERE projects_fulltext MATCH %s AND projects_fulltext.rowid = projects_project.id)",
        [TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT, match],
        output_field=FloatField(),
    )
    return condition, relevance


def match_scores(query: str, ids=None) -> dict[int, float]:
    """Relevance of the projects matching `query` (only of `ids` if given), in one pass of the engine."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = (
                "SELECT id, ts_rank(search_vector, query) FROM projects_project, "
                "websearch_to_tsquery('german', %s) AS query WHERE search_vector @@ query"
            )
            if ids is None:
                cursor.execute(sql, [query])
            else:
                cursor.execute(sql + " AND id = ANY(%s)", [query, list(ids)])
        else:
            match = _fts5_query(query)
            if not match:
                return {}
            cursor.execute(
                "SELECT rowid, -bm25(projects_fulltext, %s, %s, %s) FROM projects_fulltext "
                "WHERE projects_fulltext MATCH %s",
                [TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT, match],
            )
        return dict(cursor.fetchall())


def search(queryset, query: str):
    """Filter `queryset` to projects matching `query` and annotate `relevance` (higher is better)."""
    expressions = match_expressions(query)
    if expressions is None:
        return queryset.none()
    condition, relevance = expressions
    return queryset.filter(condition).annotate(relevance=relevance)


def top_matches_any(text: str, *, limit: int = 150) -> dict[int, float]:
    """Ids and relevance of the projects best matching *any* significant word of `text`.

    Ranked inside the full-text engine (one pass, LIMIT), so that a query with common words stays
    fast at 100,000 projects. Visibility is not applied here: filter the ids afterwards. On
    PostgreSQL the words are matched against the titles (a narrow side table, see migration 0004);
    SQLite's FTS5 ranks title, summary and body with the column weights.
    """
    terms = significant_terms(text)
    if not terms:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT project_id, ts_rank(vector, query) AS score FROM projects_title_index, "
                "to_tsquery('german', %s) AS query WHERE vector @@ query ORDER BY score DESC LIMIT %s",
                [" | ".join(terms), limit],
            )
        else:
            match = " OR ".join(f'"{stem}"' for stem in dict.fromkeys(stem_terms(terms)))
            cursor.execute(
                "SELECT rowid, -bm25(projects_fulltext, %s, %s, %s) AS score FROM projects_fulltext "
                "WHERE projects_fulltext MATCH %s ORDER BY score DESC LIMIT %s",
                [TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT, match, limit],
            )
        return {row[0]: float(row[1]) for row in cursor.fetchall()}


def rebuild_index() -> int:
    """Rebuild the whole index from the database (after a restore, or to repair it)."""
    from . import match_index
    from .models import Project

    match_index.clear()
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM projects_title_index" if connection.vendor == "postgresql" else "DELETE FROM projects_fulltext"
        )
    total = 0
    queryset = Project.all_objects.select_related("lead_territory").prefetch_related("keywords").order_by("pk")
    batch = []
    for project in queryset.iterator(chunk_size=1000):
        batch.append(project)
        if len(batch) == 1000:
            index_projects(batch)
            total += len(batch)
            batch = []
    index_projects(batch)
    return total + len(batch)
