import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartregion.core.pagecache import for_visitors
from smartregion.projects import services as project_services

from ..factories import UserFactory
from ..querycounts import GENERATIONS, LIMIT_COUNTED


@pytest.fixture
def project(make_project, jena):
    return make_project(jena)


def test_visitors_get_the_held_page_with_fresh_security_headers(client, page_cache, project):
    url = reverse("projects:detail", args=[project.pk])
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert len(queries) == GENERATIONS  # held: only the generations are read
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    project_services.update_project(project, by=None, expected_revision=project.revision, title="Neuer Titel")
    assert client.get(url).content.decode().count("Neuer Titel") >= 1  # any write: the next visitor sees it


def test_logged_in_users_always_get_a_fresh_page(client, page_cache, project):
    url = reverse("projects:detail", args=[project.pk])
    client.get(url)
    client.force_login(UserFactory())
    project_services.update_project(project, by=None, expected_revision=project.revision, title="Neuer Titel")
    assert "Neuer Titel" in client.get(url).content.decode()


def test_pages_that_set_a_cookie_are_never_held(rf, page_cache):
    """A page with a form token sets the CSRF cookie: holding it would hand one visitor's token to all."""
    calls = []

    @for_visitors
    def with_form(request):
        calls.append(1)
        response = HttpResponse(f"<input value='{get_token(request)}'>")
        response.set_cookie("csrftoken", "x")
        return response

    @for_visitors
    def without_form(request):
        calls.append(2)
        return HttpResponse("ok")

    for view in (with_form, with_form, without_form, without_form):
        request = rf.get("/seite/")
        request.user = AnonymousUser()
        assert view(request).status_code == 200
    assert calls == [1, 1, 2]


def test_english_pages_are_held_apart_from_german_ones(client, page_cache, db):
    german = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert 'lang="de"' in german and 'lang="en"' in english


def test_api_lists_are_held_for_anonymous_callers_and_fresh_for_signed_in_ones(client, page_cache, make_project, jena):
    url = reverse("project-list")
    before = client.get(url).json()["count"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).json()["count"] == before
    assert len(queries) == GENERATIONS + LIMIT_COUNTED  # held (+ the rate limit's counter, ADR 0019)
    make_project(jena, title="Neues Projekt")
    assert client.get(url).json()["count"] == before + 1  # fresh after the write
    client.force_login(UserFactory())
    assert client.get(url).json()["count"] == before + 1


def test_a_similar_projects_ranking_is_kept_but_never_shows_a_withdrawn_project(settings, make_project, jena):
    from smartregion.projects.similarity import Probe, similar

    settings.SIMILAR_CACHE_SECONDS = 600
    caches["default"].clear()
    project = make_project(jena, title="Parksensoren in der Innenstadt")
    twin = make_project(jena, title="Parksensoren in der Altstadt", summary="Sensoren melden freie Parkplätze.")
    assert twin in [match.project for match in similar(Probe.of(project))]
    project_services.delete_project(twin, by=UserFactory(is_superuser=True))
    assert twin.pk not in [match.project.pk for match in similar(Probe.of(project))]
    caches["default"].clear()
