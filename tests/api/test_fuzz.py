"""Property-based API fuzzing: schemathesis generates requests from the OpenAPI schema the API serves and
checks that no operation answers with a server error or with a response that contradicts the schema."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.serializers.json import DjangoJSONEncoder
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

# The same generator that serves /api/schema, run at collection time without a request (and so without
# touching the database before the test database exists); the requests then go through the whole WSGI app.
schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=DjangoJSONEncoder))
)
schema.app = get_wsgi_application()
# A NUL character anywhere in a request is refused with a 400 before any view (RefuseNulMiddleware, ADR 0018;
# tests/test_bad_input.py throws NUL at every path), a rule outside what the schema can say: generated strings
# leave NUL out, so that a schema-valid request is judged by the API's own rules.
schema.config.generation.update(allow_x00=False)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's test client keeps the test's database connection (and its transaction) open across requests
    by leaving `close_old_connections` out; the WSGI calls of schemathesis need the same."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_fuzzed_schema_is_the_served_one(client, db):
    served = client.get("/api/schema", {"format": "json"}).json()
    assert served["paths"].keys() == schema.raw_schema["paths"].keys()


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_api_operation(case):
    """Derandomized: the same requests on every run, so that CI is repeatable (a failure is a real one and
    reproduces locally). Every check applies, including that schema-invalid input (an unknown value, a page
    that is no whole number in range) is refused with a 4xx."""
    if case.operation.path == "/api/v1/matches":
        # Matches need one of: a need, an assessment with a cell, or a text – a rule the schema cannot state
        # (every parameter is optional by itself), so a request with none of them is a documented 400.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])
    else:
        case.call_and_validate()
