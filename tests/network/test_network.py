from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smartregion.events import services as events
from smartregion.network import roles as network_roles
from smartregion.network import services
from smartregion.network.models import NetworkMember
from smartregion.territories.models import Territory

from ..factories import UserFactory
from ..querycounts import GENERATIONS, KEPT_BUILT

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_with_coordinator(jena):
    network = services.create_network(name="Smart-City-Netzwerk Test", slug="test")
    coordinator = UserFactory()
    network_roles.grant_network_role(user=coordinator, network=network)
    services.add_member(network, jena, by=coordinator)
    return network, coordinator


def test_network_page_lists_members_on_a_map(client, network_with_coordinator, django_assert_max_num_queries):
    network, _ = network_with_coordinator
    with django_assert_max_num_queries(8 + 2 * KEPT_BUILT - GENERATIONS):  # the overview and the events part, kept
        response = client.get(network.get_absolute_url())
    html = response.content.decode()
    assert "Jena, Stadt" in html
    assert '<circle class="map-point"' in html
    assert "Karte der Mitglieder" in html


def test_network_page_query_count_does_not_grow_with_members(
    client, network_with_coordinator, django_assert_max_num_queries
):
    network, coordinator = network_with_coordinator
    for gemeinde in Territory.objects.filter(kreis__ars="16070", kind="gemeinde"):
        services.add_member(network, gemeinde, by=coordinator)
    with django_assert_max_num_queries(8 + 2 * KEPT_BUILT - GENERATIONS):
        client.get(network.get_absolute_url())


def test_coordinator_adds_a_member_by_key_and_sees_errors_for_unknown_keys(client, network_with_coordinator):
    network, coordinator = network_with_coordinator
    client.force_login(coordinator)
    client.post(reverse("network:add_member", args=[network.slug]), {"key": "16052000"})
    assert NetworkMember.objects.filter(network=network, territory__ags="16052000").exists()
    response = client.post(reverse("network:add_member", args=[network.slug]), {"key": "99999999"}, follow=True)
    assert "Zu „99999999“ gibt es keine Gebietskörperschaft." in response.content.decode()


def test_coordinator_creates_an_alliance_that_joins_the_network(client, network_with_coordinator):
    network, coordinator = network_with_coordinator
    client.force_login(coordinator)
    response = client.post(
        reverse("network:alliance_create", args=[network.slug]),
        {"name": "Allianz Testbecken", "alliance_type": "ile", "member_keys": "16068014\n16068053 Straußfurt\n"},
    )
    alliance = Territory.objects.get(name="Allianz Testbecken")
    assert response.status_code == 302
    assert sorted(alliance.members.values_list("ags", flat=True)) == ["16068014", "16068053"]
    assert alliance.population == sum(m.population for m in alliance.members.all())
    assert NetworkMember.objects.filter(network=network, territory=alliance).exists()
    # The coordinator may now edit it; members of other networks may not.
    assert client.get(reverse("territories:alliance_edit", args=[alliance.code])).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("territories:alliance_edit", args=[alliance.code])).status_code == 403


def test_alliance_form_reports_unknown_keys_and_keeps_input(client, network_with_coordinator):
    network, coordinator = network_with_coordinator
    client.force_login(coordinator)
    response = client.post(
        reverse("network:alliance_create", args=[network.slug]),
        {"name": "Allianz X", "alliance_type": "ile", "member_keys": "16068014\n12345678"},
    )
    html = response.content.decode()
    assert "Unbekannte Schlüssel: 12345678" in html
    assert "Allianz X" in html
    assert not Territory.objects.filter(name="Allianz X").exists()


def test_concurrent_alliance_edits_show_a_conflict(client, network_with_coordinator):
    network, coordinator = network_with_coordinator
    alliance = services.create_alliance_in_network(
        network,
        by=coordinator,
        name="Verbund",
        alliance_type="ile",
        members=list(Territory.objects.filter(ags__in=["16068014", "16068053"])),
    )
    client.force_login(coordinator)
    url = reverse("territories:alliance_edit", args=[alliance.code])
    base = {"alliance_type": "ile", "member_keys": "16068014\n16068053", "revision": alliance.revision}
    assert client.post(url, {**base, "name": "Verbund Nord"}).status_code == 302
    response = client.post(url, {**base, "name": "Verbund Süd"})
    assert "Jemand anderes hat inzwischen gespeichert" in response.content.decode()
    alliance.refresh_from_db()
    assert alliance.name == "Verbund Nord"


def test_deleted_alliance_is_gone_from_pages_but_kept(client, network_with_coordinator):
    network, coordinator = network_with_coordinator
    alliance = services.create_alliance_in_network(
        network,
        by=coordinator,
        name="Kurzlebig",
        alliance_type="other",
        members=list(Territory.objects.filter(ags__in=["16068014", "16068053"])),
    )
    client.force_login(coordinator)
    client.post(reverse("territories:alliance_delete", args=[alliance.code]))
    assert client.get(alliance.get_absolute_url()).status_code == 404
    assert Territory.all_objects.get(pk=alliance.pk).is_deleted


def test_duplicates_report_groups_look_alike_projects_of_members(client, network_with_coordinator):
    from smartregion.projects import services as project_services
    from smartregion.projects.models import Project
    from smartregion.taxonomy.models import Domain

    network, coordinator = network_with_coordinator
    gera = Territory.objects.get(ags="16052000")
    services.add_member(network, gera, by=coordinator)
    mobility = Domain.objects.get(key="mobilitaet")
    for territory in (Territory.objects.get(ags="16053000"), gera):
        project = project_services.create_project(
            by=coordinator,
            lead_territory=territory,
            title=f"Parkleitsystem mit Parksensoren {territory.short_name}",
            summary="Sensoren melden freie Parkplätze an ein Parkleitsystem.",
            primary_domain=mobility,
            keywords=["Parksensoren"],
        )
        project_services.publish_project(project, by=coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("network_projects:duplicates", args=[network.slug]))
    clusters = response.context["clusters"]
    grouped = [cluster for cluster in clusters if any("Parkleitsystem" in p.title for p in cluster.projects)]
    assert len(grouped) == 1
    assert grouped[0].territories == ["Gera, Stadt", "Jena, Stadt"]
    assert "parksensor" in grouped[0].shared_terms
    # Entries of the programme lists share the programme's text: never reported as duplicates (issue 22).
    for territory, number in ((Territory.objects.get(ags="16053000"), "01"), (gera, "02")):
        entry = project_services.create_project(
            by=coordinator,
            lead_territory=territory,
            title=f"Modellprojekt Smart Cities: {territory.short_name}",
            summary="Eines der 73 Modellprojekte Smart Cities des Bundes: eine integrierte Smart-City-Strategie.",
            primary_domain=mobility,
            keywords=["Smart-City-Strategie"],
        )
        Project.objects.filter(pk=entry.pk).update(external_id=f"MPSC-2020-{number}")
        project_services.publish_project(Project.objects.get(pk=entry.pk), by=coordinator)
    response = client.get(reverse("network_projects:duplicates", args=[network.slug]))
    titles = [p.title for cluster in response.context["clusters"] for p in cluster.projects]
    assert "Parkleitsystem mit Parksensoren Gera" in titles
    assert not any(title.startswith("Modellprojekt Smart Cities") for title in titles)
    assert "Einträge aus Programmlisten" in response.content.decode()


def test_coordinator_removes_a_member_with_its_button(client, network_with_coordinator, jena, page_cache):
    network, coordinator = network_with_coordinator
    client.force_login(coordinator)
    html = client.get(network.get_absolute_url()).content.decode()
    remove_url = reverse("network:remove_member", args=[network.slug, jena.pk])
    assert f'formaction="{remove_url}"' in html
    assert 'name="csrfmiddlewaretoken"' in html  # the one form around the kept table carries the token

    response = client.post(remove_url, follow=True)

    assert not NetworkMember.objects.filter(network=network, territory=jena).exists()
    assert "Noch keine Mitglieder." in response.content.decode()


def test_visitors_see_the_member_table_without_remove_buttons(client, network_with_coordinator, page_cache):
    network, coordinator = network_with_coordinator
    client.force_login(coordinator)
    client.get(network.get_absolute_url())  # the coordinator's variant is kept first
    client.logout()
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Jena, Stadt" in html
    assert "formaction" not in html
    assert "entfernen" not in html


def test_kept_member_panel_is_read_once_and_shows_every_change_at_once(
    client, network_with_coordinator, jena, ilmenau, page_cache
):
    network, coordinator = network_with_coordinator
    client.force_login(coordinator)
    url = network.get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) < len(first)  # members, Land keys and outlines are not read again

    services.add_member(network, ilmenau, by=coordinator)
    assert "Ilmenau" in client.get(url).content.decode()

    services.remove_member(network, jena, by=coordinator)
    assert "Jena, Stadt" not in client.get(url).content.decode()

    ilmenau.name = "Ilmenau, Universitätsstadt"
    ilmenau.save()
    assert "Ilmenau, Universitätsstadt" in client.get(url).content.decode()

    kreis = ilmenau.kreis
    kreis.short_name = "Ilm-Kreis (neu)"
    kreis.save()
    assert "Ilm-Kreis (neu)" in client.get(url).content.decode()

    network.name = "Netzwerk Thüringer Kommunen"
    network.save()
    assert "Karte der Mitglieder von Netzwerk Thüringer Kommunen" in client.get(url).content.decode()


def test_kept_overview_shows_new_events_partnerships_and_coordinators_at_once(
    client, network_with_coordinator, jena, ilmenau, page_cache
):
    network, coordinator = network_with_coordinator
    client.force_login(coordinator)
    url = network.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Keine geplanten Veranstaltungen." in html
    assert "Noch keine Partnerschaften eingetragen." in html

    start = timezone.now() + timedelta(days=14)
    event = events.create_event(
        network=network, by=coordinator, kind="meeting", title="Netzwerktreffen Winter", host=jena,
        starts_at=start, ends_at=start + timedelta(hours=4), place="Rathaus",
    )  # fmt: skip
    assert "Netzwerktreffen Winter" in client.get(url).content.decode()
    events.cancel_event(event, by=coordinator)
    assert "Netzwerktreffen Winter</a> (" in client.get(url).content.decode()
    assert "abgesagt" in client.get(url).content.decode()

    partnership = events.create_partnership(
        partners=[jena, ilmenau], by=coordinator, topic="Gemeinsames Rechenzentrum", starts_on=start.date(),
        network=network,
    )  # fmt: skip
    assert "Gemeinsames Rechenzentrum" in client.get(url).content.decode()
    ilmenau.name = "Ilmenau, Universitätsstadt"
    ilmenau.save()  # a partner renamed
    assert "Ilmenau, Universitätsstadt" in client.get(url).content.decode()
    partnership.delete()
    assert "Gemeinsames Rechenzentrum" not in client.get(url).content.decode()

    second = UserFactory(full_name="Zweite Koordinatorin")
    network_roles.grant_network_role(user=second, network=network)
    assert "Zweite Koordinatorin" in client.get(url).content.decode()
    network_roles.revoke_network_role(user=second, network=network)
    assert "Zweite Koordinatorin" not in client.get(url).content.decode()


def test_an_event_that_has_ended_leaves_the_kept_overview_within_the_window(
    client, network_with_coordinator, jena, page_cache
):
    from smartregion.events.sections import EVENTS_WINDOW

    network, coordinator = network_with_coordinator
    client.force_login(coordinator)
    start = timezone.now() + timedelta(minutes=30)
    events.create_event(
        network=network, by=coordinator, kind="meeting", title="Kurzes Treffen", host=jena,
        starts_at=start, ends_at=start + timedelta(hours=1), place="Rathaus",
    )  # fmt: skip
    assert "Kurzes Treffen" in client.get(network.get_absolute_url()).content.decode()
    later = timezone.now() + timedelta(hours=1, minutes=31) + timedelta(seconds=EVENTS_WINDOW)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "Kurzes Treffen" not in client.get(network.get_absolute_url()).content.decode()
