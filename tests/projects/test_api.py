import pytest

from smartregion.projects.models import Project

from ..querycounts import KEPT_COLD

pytestmark = pytest.mark.django_db


def test_api_list_uses_the_catalog_filters(client):
    data = client.get("/api/v1/projects", {"q": "LoRaWAN", "land": "09", "page_size": 200}).json()
    page = client.get("/projekte/", {"q": "LoRaWAN", "land": "09"})
    assert data["count"] == page.context["page"].paginator.count
    assert {row["land"] for row in data["results"]} == {"09"}


def test_api_list_query_count_is_fixed(client, django_assert_max_num_queries):
    # + 2: the rate limit's counter in the shared limits table (ADR 0019); + the list kept for visitors
    with django_assert_max_num_queries(4 + 2 + KEPT_COLD):
        small = client.get("/api/v1/projects", {"page_size": 5})
    with django_assert_max_num_queries(4 + 2 + KEPT_COLD):
        large = client.get("/api/v1/projects", {"page_size": 100})
    assert len(small.json()["results"]) == 5
    assert len(large.json()["results"]) == 100


def test_api_hides_drafts_and_contact_without_consent(client, make_project, jena):
    draft = make_project(jena, title="Unveröffentlicht", publish=False)
    secret = make_project(
        jena, title="Ohne Einwilligung", contact_name="Erika Muster", contact_email="erika@jena.example"
    )
    assert client.get(f"/api/v1/projects/{draft.pk}").status_code == 404
    body = client.get(f"/api/v1/projects/{secret.pk}").content.decode()
    assert "erika@jena.example" not in body and "Erika Muster" not in body
    Project.objects.filter(pk=secret.pk).update(contact_consent=True)
    assert client.get(f"/api/v1/projects/{secret.pk}").json()["contact"]["email"] == "erika@jena.example"


def test_invalid_filter_is_a_400_with_the_field(client):
    response = client.get("/api/v1/projects", {"jahr": "abc"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["jahr"]


def test_openapi_schema_documents_the_projects_endpoint(client):
    schema = client.get("/api/schema", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/projects" in schema["paths"]
    names = {parameter["name"] for parameter in schema["paths"]["/api/v1/projects"]["get"]["parameters"]}
    assert {"q", "feld", "land", "status", "page"} <= names


def test_api_is_rate_limited(client, settings):
    from django.core.cache import caches
    from rest_framework.settings import api_settings

    caches["throttle"].clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/min"}
    from unittest import mock

    with mock.patch("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates):
        statuses = [client.get("/api/v1/projects", {"page_size": 1}).status_code for _ in range(4)]
    caches["throttle"].clear()
    assert statuses == [200, 200, 200, 429]


def test_api_lists_handlungsfelder_and_keywords_in_the_taxonomys_order(client, make_project, jena):
    """Read for a whole page at once (queries.attach_labels): Handlungsfelder by their position, keywords by label,
    in the list and on the single project alike."""
    from smartregion.taxonomy.models import Domain

    domains = list(Domain.objects.order_by("-position")[:2])  # given in reverse
    project = make_project(jena, title="Zählt Stichwörter", domains=domains, keywords=["Zebra", "Ampel", "Mond"])
    expected_domains = [domain.key for domain in sorted(domains, key=lambda domain: domain.position)]
    single = client.get(f"/api/v1/projects/{project.pk}").json()
    listed = next(
        row for row in client.get("/api/v1/projects", {"page_size": 200}).json()["results"] if row["id"] == project.pk
    )
    for row in (single, listed):
        assert (row["domains"], row["keywords"]) == (expected_domains, ["Ampel", "Mond", "Zebra"])
