"""`field__any_of=[...]`: membership in a long list of values as one array parameter on PostgreSQL.

Django writes `field IN (%s, %s, …)` with one parameter per value. For the hundreds of candidate ids
of a similar-projects ranking that is a new statement text for every length: psycopg parses each in
Python (its parse cache holds short statements only) and PostgreSQL receives hundreds of literals.
`field = ANY(%s)` with the values as one array keeps the statement the same. Other databases get the
plain IN list. Registered for every field in CoreConfig.ready.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Lookup


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [self.lhs.output_field.get_prep_value(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if not values:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)
