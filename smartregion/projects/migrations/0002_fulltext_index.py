"""The full-text index of projects: FTS5 on SQLite, a weighted tsvector with GIN on PostgreSQL."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE projects_project ADD COLUMN search_vector tsvector")
        schema_editor.execute("CREATE INDEX projects_project_search_gin ON projects_project USING gin (search_vector)")
    else:
        schema_editor.execute(
            "CREATE VIRTUAL TABLE projects_fulltext USING fts5(title, summary, body, tokenize='unicode61')"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS projects_project_search_gin")
        schema_editor.execute("ALTER TABLE projects_project DROP COLUMN IF EXISTS search_vector")
    else:
        schema_editor.execute("DROP TABLE IF EXISTS projects_fulltext")


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
