"""`/api/v1/offerings`: fields, the page's filters (strict), pinned query count."""

import pytest
from django.conf import settings
from django.urls import reverse

from smartregion.offerings.importer import import_offerings

from ..querycounts import KEPT_COLD


@pytest.fixture
def offerings(db):
    import_offerings()


def test_the_list_carries_the_fields_and_filters_like_the_page(client, offerings, django_assert_max_num_queries):
    # count, page, domains; + the rate limit's counter (ADR 0019); + the list kept for visitors
    with django_assert_max_num_queries(3 + 2 + KEPT_COLD):
        data = client.get(reverse("offering-list"), {"land": "16", "zielgruppe": "Landkreis", "page_size": 100}).json()
    codes = [item["code"] for item in data["results"]]
    assert data["count"] == len(codes) and "ANG-022" in codes and "ANG-039" in codes and "ANG-001" not in codes
    thavel = next(item for item in data["results"] if item["code"] == "ANG-022")
    assert thavel["kind"] == "Plattform/Dienst" and thavel["land_code"] == "16" and thavel["cost"] == "kostenfrei"
    assert thavel["domains"] == ["verwaltung", "daten-plattformen"] and thavel["needs_check"] is True
    assert thavel["url"] == f"{settings.SITE_URL}/angebote/ANG-022/" and thavel["website"].startswith(
        "https://finanzen"
    )
    lab = client.get(reverse("offering-list"), {"q": "BayernLab"}).json()["results"][0]
    assert lab["as_of"] == "2022-05" and lab["contact_url"] == "https://www.bayernlabs.bayern"
    assert client.get(reverse("offering-detail", args=[lab["id"]])).json()["code"] == "ANG-001"


def test_the_query_count_does_not_grow_with_the_list(client, offerings, django_assert_max_num_queries):
    with django_assert_max_num_queries(3 + 2 + KEPT_COLD):
        client.get(reverse("offering-list"), {"page_size": 200})


@pytest.mark.parametrize("params", [{"art": "Kiosk"}, {"land": "99"}, {"kosten": "gratis"}, {"sortierung": "name"}])
def test_unknown_values_and_parameters_are_refused(client, offerings, params):
    response = client.get(reverse("offering-list"), params)
    assert response.status_code == 400 and "allowed" in response.json()
