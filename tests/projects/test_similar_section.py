"""The similar projects of a project page: loaded after the page (htmx), a page of their own without JavaScript."""

import pytest
from django.urls import reverse

from smartregion.projects import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(make_project, jena, ilmenau):
    project = make_project(jena, title="Parksensoren in der Altstadt", summary="Sensoren melden freie Parkplätze.")
    twin = make_project(ilmenau, title="Parksensoren am Bahnhof", summary="Sensoren melden freie Parkplätze.")
    return project, twin


def test_the_project_page_links_the_similar_projects_and_loads_them_after_the_page(client, twins):
    project, twin = twins
    html = client.get(project.get_absolute_url()).content.decode()
    similar_url = reverse("projects:similar", args=[project.pk])
    assert f'hx-get="{similar_url}" hx-trigger="load"' in html
    assert f'<a class="kern-link" href="{similar_url}">Ähnliche Projekte anzeigen</a>' in html
    assert twin.title not in html  # the ranking is not part of the page itself


def test_htmx_gets_the_list_alone(client, twins):
    project, twin = twins
    response = client.get(reverse("projects:similar", args=[project.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert twin.title in html and "im selben Land" in html
    assert "<html" not in html and "<h1" not in html
    assert "HX-Request" in response["Vary"]


def test_without_javascript_the_link_leads_to_a_page_with_the_same_list(client, twins):
    project, twin = twins
    response = client.get(reverse("projects:similar", args=[project.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "Ähnliche Projekte wie „Parksensoren in der Altstadt“" in html
    assert twin.title in html
    assert project.get_absolute_url() in html  # back to the project


def test_a_withdrawn_project_is_not_among_the_similar_ones(client, twins):
    project, twin = twins
    services.unpublish_project(twin, by=None)
    html = client.get(reverse("projects:similar", args=[project.pk]), headers={"HX-Request": "true"}).content.decode()
    assert twin.title not in html


def test_visitors_get_the_list_and_the_page_held_apart(client, twins, page_cache):
    project, twin = twins
    url = reverse("projects:similar", args=[project.pk])
    page = client.get(url).content.decode()
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in page and "<html" not in part
    assert client.get(url, headers={"HX-Request": "true"}).content.decode() == part
    assert client.get(url).content.decode() == page


def test_the_list_of_an_unknown_project_is_not_found(client, db):
    assert client.get(reverse("projects:similar", args=[999999])).status_code == 404
