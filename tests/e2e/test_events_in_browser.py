"""A coordinator plans the next Netzwerktreffen with the proposed host; a member registers and takes the .ics."""

import icalendar
from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def test_coordinator_plans_the_next_meeting_and_a_member_registers(page, live_server, thuringia):
    from django.core.management import call_command

    from smartregion.network import roles as network_roles
    from smartregion.network import services as network_services
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    call_command("load_taxonomy", verbosity=0)
    coordinator = UserFactory(email="koordination@netz.example")
    network = network_services.create_network(name="Netzwerk Thüringen", slug="thueringen", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    for ags in ("16053000", "16051000", "16055000"):
        network_services.add_member(network, Territory.objects.get(ags=ags), by=coordinator)
    member = UserFactory(email="redaktion@jena.example")  # an editor of a member: the meeting is for the network
    territory_roles.grant_territory_role(user=member, territory=Territory.objects.get(ags="16053000"), role="editor")

    log_in(page, live_server.url, coordinator.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/netzwerke/thueringen/veranstaltungen/")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Veranstaltung planen").click()
    expect(page.get_by_text("Vorschlag für den Gastgeber: Erfurt")).to_be_visible()
    expect(page.get_by_label("Gastgeber – optional")).to_have_value(str(Territory.objects.get(ags="16051000").pk))
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Ort").fill("Rathaus Erfurt, Fischmarkt 1")
    page.get_by_label("Tagesordnung").fill("Begrüßung durch den Gastgeber\nBerichte aus den Kommunen")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Netzwerktreffen")
    expect(page.get_by_role("link", name="Erfurt")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    page.context.clear_cookies()
    log_in(page, live_server.url, member.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/netzwerke/thueringen/veranstaltungen/")
    page.get_by_role("link", name="Netzwerktreffen").first.click()
    page.get_by_role("button", name="Teilnehmen").click()
    expect(page.get_by_text("Sie sind angemeldet.").first).to_be_visible()
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="In den Kalender übernehmen (.ics)").click()
    with open(download_info.value.path(), "rb") as handle:
        vevent = icalendar.Calendar.from_ical(handle.read()).walk("VEVENT")[0]
    assert "Netzwerktreffen" in str(vevent["SUMMARY"]) and str(vevent["DTSTART"].params["TZID"]) == "Europe/Berlin"
