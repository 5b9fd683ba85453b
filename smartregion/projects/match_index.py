"""The term index behind the matching engine's project ranking (ADR 0020), on both databases alike.

Every project is kept as four fields of stemmed words — title, keywords, summary, body (problem and
solution) — stemmed in Python with the same Snowball German stemmer as the queries, so that both
databases hold the same terms:

- SQLite: the FTS5 table `projects_match_index` (rowid = project id) holds the stemmed fields;
  the FTS5 table `projects_match_trigram` (trigram tokenizer) finds terms by similarity or by part.
- PostgreSQL: the table `projects_match_index` holds the stemmed fields and a `simple` tsvector of
  them (GIN); `projects_match_term` has a pg_trgm GIN index on the term for the same lookups.

`projects_match_term` counts in how many projects each term occurs (the document frequency the
ranking's idf needs) and, under keys starting with a space, how many projects are indexed and how
many words each field holds in total. The counts are kept current by `index_projects` (a changed
project takes its old terms off and adds its new ones), which `fulltext.index_projects` calls for
every write.

Hyphenated words are indexed as their parts and as one word ("Dorf-Büro" → dorf, buro, dorfburo), so
that "Dorfbüro" finds "Dorf-Büro" and "Büro" finds it too.
"""

import re
from collections import Counter

from django.db import connection

from smartregion.core.text import stem_word

FIELDS = ("title", "keywords", "summary", "body")
DOCUMENTS = " documents"  # the number of indexed projects
LENGTH = " length:"  # + field name: the number of words of that field over all projects
_TOKEN = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
_SAFE = re.compile(r"^\w+$", re.UNICODE)

# Function words that say nothing about a topic (articles, pronouns, prepositions, conjunctions,
# auxiliaries, a few fillers of everyday requests). Nothing of the domain.
STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin bis bisher bist bzw
    da dabei damit dann darf das dass dem den denn der deren des dich die dies diese diesem diesen dieser dieses dir
    doch dort du durch ein eine einem einen einer eines einfach er es etwa etwas euch euer für gegen geht gehen gibt
    gibts hab habe haben hat hatte hier ich ihm ihn ihnen ihr ihre im immer in ins ist ja jede jedem jeden jeder
    jedes jetzt kann können könnte kein keine keinem keinen keiner man manche mal mehr mich mir mit muss müssen
    nach nicht nichts noch nun nur ob oder ohne sehr sein seine seit sich sie sind so soll sollen sollte sondern
    statt über um und uns unser unsere unseren unter viel viele vom von vor was weil welche wenn wer werden wie
    wieder will wir wird wo wollen wurde wurden zu zum zur zwischen
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def stems(text: str) -> list[str]:
    """The index terms of a text, in order (function words and plain numbers left out)."""
    terms = []
    for token in _TOKEN.findall(text or ""):
        parts = [part for part in token.lower().split("-") if part]
        for part in parts:
            if part not in STOPWORDS and not part.isdigit() and len(part) > 1:
                terms.append(stem_word(part))
        if len(parts) > 1:
            terms.append(stem_word("".join(parts)))
    return terms


def document(title: str, keywords, summary: str, problem: str, solution: str) -> dict[str, list[str]]:
    return {
        "title": stems(title),
        "keywords": stems(" ".join(keywords)),
        "summary": stems(summary),
        "body": stems(f"{problem} {solution}"),
    }


def _documents_of(projects):
    """(id, fields) of projects with `keywords` prefetched (historical models work too)."""
    for project in projects:
        labels = [keyword.label for keyword in project.keywords.all()]
        yield project.pk, document(project.title, labels, project.summary, project.problem, project.solution)


def _marks(values) -> str:
    """Placeholders for a list of parameters."""
    return ", ".join(["%s"] * len(values))


def _counts(fields: dict) -> Counter:
    """Terms (once per project) and the field lengths under their sentinel keys."""
    counts = Counter(set().union(*fields.values()))
    counts[DOCUMENTS] = 1
    for name in FIELDS:
        counts[LENGTH + name] = len(fields[name])
    return counts


def _stored(cursor, ids) -> dict[int, dict]:
    if not ids:
        return {}
    key = "project_id" if connection.vendor == "postgresql" else "rowid"
    sql = f"SELECT {key}, title, keywords, summary, body FROM projects_match_index WHERE {key} IN ({_marks(ids)})"  # noqa: S608  # nosec B608 - placeholders only
    cursor.execute(sql, list(ids))
    return {row[0]: dict(zip(FIELDS, (text.split() for text in row[1:]), strict=True)) for row in cursor.fetchall()}


def index_projects(projects) -> None:
    """(Re-)index the given projects: their fields, and the term counts (old terms off, new ones on)."""
    new = dict(_documents_of(projects))
    if not new:
        return
    with connection.cursor() as cursor:
        old = {}
        ids = list(new)
        for offset in range(0, len(ids), 500):
            old.update(_stored(cursor, ids[offset : offset + 500]))
        delta = Counter()
        for pk, fields in new.items():
            delta.update(_counts(fields))
            if pk in old:
                delta.subtract(_counts(old[pk]))
        rows = [(pk, *(" ".join(fields[name]) for name in FIELDS)) for pk, fields in new.items()]
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO projects_match_index (project_id, title, keywords, summary, body, vector) "
                "VALUES (%s, %s, %s, %s, %s, setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'C') || "
                "setweight(to_tsvector('simple', %s), 'D')) ON CONFLICT (project_id) DO UPDATE SET "
                "title = EXCLUDED.title, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, "
                "body = EXCLUDED.body, vector = EXCLUDED.vector",
                [(*row, *row[1:]) for row in rows],
            )
        else:
            cursor.executemany("DELETE FROM projects_match_index WHERE rowid = %s", [(pk,) for pk in new])
            cursor.executemany(
                "INSERT INTO projects_match_index (rowid, title, keywords, summary, body) VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
        _add_counts(cursor, {term: count for term, count in delta.items() if count})


def _add_counts(cursor, delta: dict) -> None:
    if not delta:
        return
    items = sorted(delta.items())
    if connection.vendor != "postgresql":
        known = set()
        terms = [term for term, _count in items]
        for offset in range(0, len(terms), 500):
            chunk = terms[offset : offset + 500]
            sql = f"SELECT term FROM projects_match_term WHERE term IN ({_marks(chunk)})"  # noqa: S608  # nosec B608
            cursor.execute(sql, chunk)
            known.update(row[0] for row in cursor.fetchall())
        fresh = [(term,) for term in terms if term not in known and not term.startswith(" ")]
        cursor.executemany("INSERT INTO projects_match_trigram (term) VALUES (%s)", fresh)
    cursor.executemany(
        "INSERT INTO projects_match_term (term, documents) VALUES (%s, %s) "
        "ON CONFLICT (term) DO UPDATE SET documents = projects_match_term.documents + EXCLUDED.documents",
        items,
    )


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM projects_match_index")
        cursor.execute("DELETE FROM projects_match_term")
        if connection.vendor != "postgresql":
            cursor.execute("DELETE FROM projects_match_trigram")


# --- reading ----------------------------------------------------------------------------------


def trigram_similarity(first: str, second: str) -> float:
    """pg_trgm's similarity: shared trigrams of the padded words over all their trigrams."""
    a, b = _trigrams(first), _trigrams(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def _trigrams(word: str) -> set:
    padded = f"  {word} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def lookup(terms, words, *, parts: int = 12) -> dict:
    """One round trip for what a query needs to know about its terms:

    - "documents": document frequencies of `terms` (0 if unknown), with the number of indexed
      projects and the field lengths under their sentinel keys;
    - "parts": for each of `words`, known terms holding it as first or last part (Pegel →
      pegelsensor, Sensor → pegelsensor), the most frequent first, as (term, documents).
    """
    keys = sorted(set(terms) | set(words) | {DOCUMENTS} | {LENGTH + name for name in FIELDS})
    words = sorted({word for word in words if _SAFE.match(word) and len(word) >= 4})
    known = f"SELECT 'd', term, term, documents FROM projects_match_term WHERE term IN ({_marks(keys)})"  # noqa: S608  # nosec B608
    selects = [known]
    parameters = list(keys)
    for word in words:
        if connection.vendor == "postgresql":
            selects.append(
                "SELECT * FROM (SELECT 'p', %s, term, documents FROM projects_match_term "
                "WHERE (lower(term) LIKE %s OR lower(term) LIKE %s) AND term <> %s AND documents > 0 "
                "ORDER BY documents DESC, term LIMIT %s) AS parts"
            )
        else:
            # Each LIKE on its own, so that the trigram index answers it.
            selects.append(
                "SELECT * FROM (SELECT 'p', %s, term, documents FROM projects_match_term WHERE term IN "
                "(SELECT term FROM projects_match_trigram WHERE term LIKE %s UNION "
                "SELECT term FROM projects_match_trigram WHERE term LIKE %s) AND term <> %s AND documents > 0 "
                "ORDER BY documents DESC, term LIMIT %s)"
            )
        parameters += [word, f"{word}%", f"%{word}", word, parts]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), parameters)  # nosec B608 - placeholders only
        rows = cursor.fetchall()
    documents = dict.fromkeys(keys, 0)
    found_parts = {word: [] for word in words}
    for kind, word, term, count in rows:
        if kind == "d":
            documents[term] = max(0, count)
        else:
            found_parts[word].append((term, count))
    return {"documents": documents, "parts": found_parts}


def similar(words, *, limit: int = 8) -> dict[str, list[tuple[str, int]]]:
    """For each of `words` (unknown ones: typos), known terms spelled alike, the most similar first,
    as (term, documents): pg_trgm on PostgreSQL, the FTS5 trigram table on SQLite; one round trip."""
    words = sorted({word for word in words if _SAFE.match(word) and len(word) >= 4})
    if not words:
        return {}
    selects, parameters = [], []
    for word in words:
        if connection.vendor == "postgresql":
            selects.append(
                "SELECT * FROM (SELECT %s, term, documents FROM projects_match_term "
                "WHERE lower(term) %% %s AND documents > 0 ORDER BY similarity(lower(term), %s) DESC, term "
                "LIMIT %s) AS alike"
            )
            parameters += [word, word, word, limit]
        else:
            grams = sorted(gram for gram in _trigrams(word) if " " not in gram)
            selects.append(
                "SELECT * FROM (SELECT %s, term, documents FROM projects_match_term WHERE term IN "
                "(SELECT term FROM projects_match_trigram WHERE projects_match_trigram MATCH %s ORDER BY rank "
                "LIMIT %s) AND documents > 0)"
            )
            parameters += [word, " OR ".join(f'"{gram}"' for gram in grams), limit * 3]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), parameters)  # nosec B608 - placeholders only
        rows = cursor.fetchall()
    alike = {word: [] for word in words}
    for word, term, count in rows:
        if term != word:
            alike[word].append((term, count))
    return {
        word: sorted(found, key=lambda item: (-trigram_similarity(word, item[0]), item[0]))[:limit]
        for word, found in alike.items()
    }


def candidates(groups: list[list[str]], *, conjunctive: bool, limit: int, published: str, discontinued: str):
    """Visible projects holding any term of any group (or, `conjunctive`, a term of every group):
    rows of (id, title, keywords, summary, body) with the stored stemmed fields, at most `limit`,
    in no particular order. Groups are lists of index terms."""
    groups = [[term for term in group if _SAFE.match(term)] for group in groups]
    groups = [group for group in groups if group]
    if not groups:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            parts = ["(" + " | ".join(f"'{term}'" for term in group) + ")" for group in groups]
            cursor.execute(
                "SELECT m.project_id, m.title, m.keywords, m.summary, m.body FROM projects_match_index m "
                "JOIN projects_project p ON p.id = m.project_id "
                "WHERE m.vector @@ to_tsquery('simple', %s) AND p.publication = %s AND p.status <> %s "
                "AND p.deleted_at IS NULL LIMIT %s",
                [(" & " if conjunctive else " | ").join(parts), published, discontinued, limit],
            )
        else:
            parts = ["(" + " OR ".join(f'"{term}"' for term in group) + ")" for group in groups]
            cursor.execute(
                # CROSS JOIN keeps the full-text match as the outer loop (SQLite's planner would
                # otherwise run the MATCH once per project row).
                "SELECT m.rowid, m.title, m.keywords, m.summary, m.body FROM projects_match_index m "
                "CROSS JOIN projects_project p ON p.id = m.rowid "
                "WHERE projects_match_index MATCH %s AND p.publication = %s AND p.status <> %s "
                "AND p.deleted_at IS NULL LIMIT %s",
                [(" AND " if conjunctive else " OR ").join(parts), published, discontinued, limit],
            )
        return cursor.fetchall()


def rebuild() -> int:
    """Rebuild the whole match index and its counts from the projects."""
    from .models import Project

    clear()
    total = 0
    batch = []
    for project in Project.all_objects.prefetch_related("keywords").order_by("pk").iterator(chunk_size=1000):
        batch.append(project)
        if len(batch) == 1000:
            index_projects(batch)
            total += len(batch)
            batch = []
    index_projects(batch)
    return total + len(batch)
