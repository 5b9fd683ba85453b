"""`field__any_of`: the same rows as `__in`, one array parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartregion.territories.models import Territory

pytestmark = pytest.mark.django_db


def test_any_of_finds_the_same_rows_as_in(jena, ilmenau):
    wanted = [jena.pk, ilmenau.pk, 10**9]
    assert (
        set(Territory.objects.filter(pk__any_of=wanted))
        == set(Territory.objects.filter(pk__in=wanted))
        == {
            jena,
            ilmenau,
        }
    )


def test_any_of_works_across_a_relation(jena):
    kreis_ids = [jena.land_id]
    assert jena in Territory.objects.filter(land_id__any_of=kreis_ids)
    assert jena in Territory.objects.filter(land__any_of=kreis_ids)


def test_any_of_an_empty_list_finds_nothing(jena):
    assert list(Territory.objects.filter(pk__any_of=[])) == []
    assert jena in Territory.objects.filter(pk__any_of=[]) | Territory.objects.filter(pk=jena.pk)


def test_the_statement_is_the_same_for_any_number_of_values(jena, ilmenau):
    with CaptureQueriesContext(connection) as queries:
        list(Territory.objects.filter(pk__any_of=[jena.pk]).values_list("pk"))
        list(Territory.objects.filter(pk__any_of=[jena.pk, ilmenau.pk, 3, 4, 5]).values_list("pk"))
    first, second = (query["sql"] for query in queries.captured_queries)
    if connection.vendor == "postgresql":
        assert "= ANY(" in first and "= ANY(" in second
        assert first.split("ANY(")[0] == second.split("ANY(")[0]
    else:
        assert " IN (" in first and " IN (" in second  # elsewhere: the plain IN list
