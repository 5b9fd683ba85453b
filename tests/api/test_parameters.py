"""What the schema lists is what the API accepts: unknown parameters and malformed pages are a 400 that names the
allowed parameters, a page after the last is a 404, and errors come in the request's language."""

import pytest
from django.urls import reverse

from smartregion.funding.models import FundingProgramme


@pytest.fixture(scope="module")
def served_schema(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/schema", {"format": "json"}).json()


def _list_operations(schema):
    for path, operations in schema["paths"].items():
        if path.startswith("/api/v1/") and "{" not in path and "get" in operations:
            yield path, {parameter["name"] for parameter in operations["get"].get("parameters", [])}


def test_every_list_names_its_filters_and_paging_in_the_schema(served_schema):
    lists = dict(_list_operations(served_schema))
    assert set(lists) == {
        "/api/v1/actors", "/api/v1/agendas", "/api/v1/assessments", "/api/v1/datasets", "/api/v1/events",
        "/api/v1/matches", "/api/v1/needs", "/api/v1/networks", "/api/v1/offerings", "/api/v1/programmes",
        "/api/v1/projects", "/api/v1/territories",
    }  # fmt: skip
    assert lists["/api/v1/offerings"] == {
        "q", "land", "ebene", "art", "zielgruppe", "feld", "kosten", "status", "page", "page_size",
    }  # fmt: skip
    assert lists["/api/v1/programmes"] == {"q", "ebene", "land", "feld", "status", "page", "page_size"}
    assert lists["/api/v1/events"] == {"network", "kind", "status", "from_date", "page", "page_size"}
    assert lists["/api/v1/datasets"] == {"q", "theme", "territory", "page", "page_size"}
    for path, names in lists.items():
        if path != "/api/v1/matches":
            assert {"page", "page_size"} < names, path  # paging and at least one filter


def test_an_unknown_parameter_is_refused_with_the_allowed_ones_as_the_schema_lists_them(client, db, served_schema):
    for path, names in _list_operations(served_schema):
        response = client.get(path, {"ordering": "name"})
        assert response.status_code == 400, path
        body = response.json()
        assert body["unknown"] == ["ordering"], path
        assert body["allowed"] == sorted(names), path
        assert body["detail"].startswith("Unbekannter Parameter: ordering. Erlaubt: "), path


def test_a_single_object_takes_no_parameters(client, db):
    programme = FundingProgramme.objects.create(code="FP-1", name="Programm", level="Bund")
    url = reverse("programme-detail", args=[programme.pk])
    assert client.get(url).status_code == 200
    refused = client.get(url, {"land": "09"})
    assert refused.status_code == 400 and refused.json()["allowed"] == [] and refused.json()["unknown"] == ["land"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "1.5"},
        {"page": "last"},
        {"page_size": "0"},
        {"page_size": "201"},
        {"page_size": "abc"},
    ],  # fmt: skip
)
def test_a_malformed_page_or_page_size_is_a_400(client, db, params):
    response = client.get(reverse("programme-list"), params)
    assert response.status_code == 400
    assert "page" in response.json()["allowed"] and "ebene" in response.json()["allowed"]
    assert response.json()["detail"].startswith(f"{next(iter(params))} muss eine ganze Zahl")


def test_page_size_and_a_page_after_the_last(client, db):
    for number in range(3):
        FundingProgramme.objects.create(code=f"FP-{number}", name=f"Programm {number}", level="Bund")
    second = client.get(reverse("programme-list"), {"page_size": 2, "page": 2}).json()
    assert second["count"] == 3 and [item["code"] for item in second["results"]] == ["FP-2"]
    assert client.get(reverse("programme-list"), {"page_size": 200}).status_code == 200
    assert client.get(reverse("programme-list"), {"page": 3, "page_size": 2}).status_code == 404


def test_an_invalid_filter_value_names_the_parameter(client, db):
    response = client.get(reverse("programme-list"), {"ebene": "Kreis", "land": "9"})
    assert response.status_code == 400
    body = response.json()
    assert sorted(body["errors"]) == ["ebene", "land"] and body["detail"] == "Ungültiger Wert für: ebene, land."
    assert "gültige Auswahl" in body["errors"]["ebene"][0]


def test_errors_come_in_the_requests_language(client, db):
    german = client.get(reverse("programme-detail", args=[999999]))
    assert german.status_code == 404 and german.json() == {"detail": "Nicht gefunden."}
    assert german["Content-Language"] == "de"
    english = client.get(reverse("programme-detail", args=[999999]), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert english.json() == {"detail": "Not found."} and english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    invalid = client.get(reverse("programme-list"), {"ebene": "Kreis"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert invalid["errors"]["ebene"] == ["Select a valid choice. Kreis is not one of the available choices."]
    # Languages we do not offer fall back to German; the pages keep their own rule (the address decides).
    assert client.get(reverse("programme-detail", args=[1]), HTTP_ACCEPT_LANGUAGE="fr").json() == {
        "detail": "Nicht gefunden."
    }
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "de"


def test_the_catalogue_page_and_its_export_filter_like_the_api(client, db):
    FundingProgramme.objects.create(code="EU-1", name="Europa digital", level="EU")
    FundingProgramme.objects.create(code="DE-1", name="Bund digital", level="Bund")
    page = client.get(reverse("funding:list"), {"ebene": "EU"}).content.decode()
    assert "Europa digital" in page and "Bund digital" not in page
    export = client.get(reverse("funding:export", args=["csv"]), {"ebene": "EU"}).content.decode("utf-8-sig")
    assert "EU-1" in export and "DE-1" not in export
    api = client.get(reverse("programme-list"), {"ebene": "EU"}).json()
    assert [item["code"] for item in api["results"]] == ["EU-1"]
