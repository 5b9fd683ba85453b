"""A coordinator removes a member on the network page (the kept member table's buttons in a real browser)."""

from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def test_coordinator_removes_a_member_with_its_button(page, live_server, thuringia, settings):
    from smartregion.network import roles as network_roles
    from smartregion.network import services as network_services
    from smartregion.network.models import NetworkMember
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    settings.PAGE_CACHE_SECONDS = 60  # the member table is kept, as in production
    coordinator = UserFactory(email="koordination@netz.example")
    network = network_services.create_network(name="Netzwerk Thüringen", slug="thueringen", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    for ags in ("16053000", "16051000"):
        network_services.add_member(network, Territory.objects.get(ags=ags), by=coordinator)
    jena = Territory.objects.get(ags="16053000")

    log_in(page, live_server.url, coordinator.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/netzwerke/thueringen/")
    expect(page.get_by_role("heading", name="2 Mitglieder")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    page.get_by_role("button", name=f"{jena.short_name} entfernen").click()

    expect(page.get_by_text(f"{jena.name} ist kein Mitglied mehr.")).to_be_visible()
    expect(page.get_by_role("heading", name="1 Mitglied")).to_be_visible()
    assert not NetworkMember.objects.filter(network=network, territory=jena).exists()
