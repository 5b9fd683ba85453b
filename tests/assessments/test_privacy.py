"""A private assessment never appears in another user's page or API response; k≥5 protects aggregates."""

import re

import pytest
from django.urls import reverse

from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory
from .conftest import submitted


@pytest.fixture
def network_of_two(db, jena, ilmenau):
    admin = UserFactory(is_superuser=True)
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    network_services.add_member(network, jena, by=admin)
    network_services.add_member(network, ilmenau, by=admin)
    private = submitted(jena, level=3, by=admin, visibility="private")
    shared = submitted(ilmenau, level=1, by=admin, visibility="networks")
    ilmenau_editor = UserFactory()
    territory_roles.grant_territory_role(user=ilmenau_editor, territory=ilmenau, role="editor")
    coordinator = UserFactory()
    network_roles.grant_network_role(user=coordinator, network=network)
    return {
        "private": private,
        "shared": shared,
        "network": network,
        "fellow": ilmenau_editor,
        "coordinator": coordinator,
    }


@pytest.mark.parametrize("who", ["anonymous", "stranger", "fellow", "coordinator"])
def test_private_results_are_hidden_everywhere(client, network_of_two, who):
    users = {
        "anonymous": None,
        "stranger": UserFactory(),
        "fellow": network_of_two["fellow"],
        "coordinator": network_of_two["coordinator"],
    }
    if users[who]:
        client.force_login(users[who])
    private = network_of_two["private"]
    assert client.get(reverse("assessments:results", args=[private.pk])).status_code == 404
    assert client.get(reverse("assessments:export", args=[private.pk, "pdf"])).status_code == 404
    api = client.get(reverse("assessment-list")).json()
    assert private.pk not in [item["id"] for item in api["results"]]
    assert client.get(reverse("assessment-detail", args=[private.pk])).status_code == 404
    index = client.get(reverse("assessments:index")).content.decode()
    territory_page = client.get(reverse("territories:detail", args=[private.territory.code])).content.decode()
    for page in (index, territory_page):
        assert reverse("assessments:results", args=[private.pk]) not in page


def test_shared_results_reach_the_network_but_not_strangers(client, network_of_two):
    shared = network_of_two["shared"]
    url = reverse("assessments:results", args=[shared.pk])
    client.force_login(network_of_two["coordinator"])
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_dashboard_names_only_members_that_shared(client, network_of_two):
    client.force_login(network_of_two["coordinator"])
    page = client.get(reverse("assessments:dashboard", args=["netz"])).content.decode()
    assert "Ilmenau" in page
    # Jena's private index is neither listed nor averaged (two assessments are fewer than five)
    assert "75,0" not in page and "75.0" not in page
    xlsx = client.get(reverse("assessments:dashboard_export", args=["netz", "xlsx"]))
    from io import BytesIO

    from openpyxl import load_workbook

    members = load_workbook(BytesIO(xlsx.content))["Mitglieder"]
    names = [row[0] for row in members.iter_rows(min_row=2, values_only=True)]
    assert names == [network_of_two["shared"].territory.short_name]


def _shared_names(client) -> list[str]:
    from io import BytesIO

    from openpyxl import load_workbook

    xlsx = client.get(reverse("assessments:dashboard_export", args=["netz", "xlsx"]))
    members = load_workbook(BytesIO(xlsx.content))["Mitglieder"]
    return [row[0] for row in members.iter_rows(min_row=2, values_only=True)]


def test_the_dashboard_is_kept_until_a_members_assessment_changes(client, network_of_two, page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from smartregion.assessments import services as assessment_services
    from smartregion.assessments.enums import Visibility

    client.force_login(network_of_two["coordinator"])
    url = reverse("assessments:dashboard", args=["netz"])
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        assert _page_members(client.get(url)) == ["Ilmenau"]
    assert len(second) < len(first)  # built once, then read from the cache
    assert _shared_names(client) == ["Ilmenau"]
    assessment_services.set_visibility(
        assessment=network_of_two["private"], visibility=Visibility.NETWORKS, by=UserFactory(is_superuser=True)
    )
    assert sorted(_shared_names(client)) == ["Ilmenau", "Jena"]  # the change shows at once
    assert _page_members(client.get(url)) == ["Ilmenau", "Jena"]  # in the kept page body too


def _page_members(response) -> list[str]:
    """Names in the page's table of members that shared their results."""
    html = response.content.decode()
    table = html[html.index('id="shared-heading"') :].split("</table>")[0]
    return re.findall(r'<th scope="row" class="kern-table__cell">([^<]+)</th>', table)
