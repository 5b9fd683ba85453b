"""PostgreSQL: a narrow side table with each project's title vector, for "similar projects".

Ranking every project that shares one title word by the full document vector reads thousands of
wide project rows; the narrow table makes that lookup about five times faster (docs/performance.md).
SQLite ranks inside FTS5 and needs nothing.
"""

from django.db import migrations


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # No foreign key: Django's flush truncates projects_project and knows nothing of this table.
    # Stale ids are harmless (candidates are filtered through the visible projects); rebuild_index clears it.
    schema_editor.execute("CREATE TABLE projects_title_index (project_id bigint PRIMARY KEY, vector tsvector NOT NULL)")
    schema_editor.execute("CREATE INDEX projects_title_index_gin ON projects_title_index USING gin (vector)")
    schema_editor.execute(
        "INSERT INTO projects_title_index (project_id, vector) "
        "SELECT id, to_tsvector('german', title) FROM projects_project"
    )


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS projects_title_index")


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_attachments_and_links")]
    operations = [migrations.RunPython(create_table, drop_table)]
