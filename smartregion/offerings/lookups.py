"""`field__has_element="Landkreis"`: a JSON list holds the value, on SQLite and PostgreSQL alike.

Django's `contains` on a JSONField is not available on SQLite; the target groups are a short list in a JSON
column, so this lookup asks the database for one element: `jsonb_exists` on PostgreSQL, `json_each` on SQLite.
Registered on the field that uses it (models.py), not on every JSONField.
"""

from django.db.models import Lookup


class HasElement(Lookup):
    lookup_name = "has_element"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [str(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"jsonb_exists({lhs}, {rhs})", (*lhs_params, *rhs_params)
        # The column's own SQL (a quoted column name) and a parameter: no text from outside enters the statement.
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value = {rhs})"  # noqa: S608  # nosec B608
        return sql, (*lhs_params, *rhs_params)
