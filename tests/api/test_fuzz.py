"""Property-based API fuzzing: schemathesis generates requests from the served OpenAPI schema and checks
that no operation answers with a server error or with a response that contradicts the schema."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection

schema = schemathesis.openapi.from_wsgi("/api/schema?format=json", get_wsgi_application())


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_operation(case):
    # The lists are deliberately lenient with paging input (an unusable page_size falls back to the default),
    # so the check that invalid input must be refused is left out; every other check applies.
    case.call_and_validate(excluded_checks=[negative_data_rejection])
