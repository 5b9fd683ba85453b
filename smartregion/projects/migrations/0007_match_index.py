"""The term index of the matching engine (ADR 0020): stemmed fields per project, document
frequencies per term, and a trigram lookup of terms (pg_trgm on PostgreSQL, an FTS5 trigram table
on SQLite). Filled from the existing projects."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE TABLE projects_match_index (project_id bigint PRIMARY KEY, title text NOT NULL, "
            "keywords text NOT NULL, summary text NOT NULL, body text NOT NULL, vector tsvector NOT NULL)"
        )
        schema_editor.execute("CREATE INDEX projects_match_index_gin ON projects_match_index USING gin (vector)")
        schema_editor.execute("CREATE TABLE projects_match_term (term text PRIMARY KEY, documents integer NOT NULL)")
        # On lower(term), which the lookups name: a trigram index on the column itself would also
        # offer itself for the equality lookups, where the primary key is far faster.
        schema_editor.execute(
            "CREATE INDEX projects_match_term_trgm ON projects_match_term USING gin (lower(term) gin_trgm_ops)"
        )
    else:
        schema_editor.execute(
            "CREATE VIRTUAL TABLE projects_match_index USING fts5(title, keywords, summary, body, tokenize='unicode61')"
        )
        schema_editor.execute(
            "CREATE TABLE projects_match_term (term text PRIMARY KEY, documents integer NOT NULL) WITHOUT ROWID"
        )
        schema_editor.execute("CREATE VIRTUAL TABLE projects_match_trigram USING fts5(term, tokenize='trigram')")
    fill(apps)


def fill(apps):
    from smartregion.projects import match_index

    Project = apps.get_model("projects", "Project")
    batch = []
    for project in Project.objects.prefetch_related("keywords").order_by("pk").iterator(chunk_size=1000):
        batch.append(project)
        if len(batch) == 1000:
            match_index.index_projects(batch)
            batch = []
    match_index.index_projects(batch)


def drop_index(apps, schema_editor):
    for table in ("projects_match_index", "projects_match_term", "projects_match_trigram"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_nearby_indexes")]
    operations = [migrations.RunPython(create_index, drop_index)]
