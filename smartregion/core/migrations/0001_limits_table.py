"""The table of the limit counters (the `throttle` cache, core.limitscache) for installations that update.

`createcachetable` makes it too (it is idempotent); this migration means an update that only runs
`migrate` cannot leave the API and the login without their counters. On PostgreSQL the table is
UNLOGGED: a counter write then waits for no WAL flush, and after a crash the table starts empty,
which for counters of the last minutes is no loss.
"""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def _limits_table() -> str | None:
    config = settings.CACHES.get("throttle", {})
    if config.get("BACKEND") == "smartregion.core.limitscache.LimitsDatabaseCache":
        return config["LOCATION"]
    return None


def create_table(apps, schema_editor):
    table = _limits_table()
    if table:
        call_command("createcachetable", table, database=schema_editor.connection.alias, verbosity=0)
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(table)} SET UNLOGGED")


def drop_table(apps, schema_editor):
    table = _limits_table()
    if table:
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_table, drop_table)]
