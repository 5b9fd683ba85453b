"""An editor enters a dataset by keyboard-reachable form; the inventory pages pass the accessibility scan."""

from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def test_editor_enters_an_open_dataset_and_the_inventory_shows_it(page, live_server, thuringia):
    from django.core.management import call_command

    from smartregion.accounts import services as account_services
    from smartregion.network import services as network_services
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    call_command("load_taxonomy", verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    editor = UserFactory(email="daten@jena.example")
    account_services.grant_territory_role(user=editor, territory=jena, role="editor")
    network = network_services.create_network(name="Netzwerk Thüringen", slug="thueringen", by=editor)
    network_services.add_member(network, jena, by=editor)

    log_in(page, live_server.url, editor.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/daten/gebiet/{jena.code}/")
    page.get_by_role("link", name="Datenbestand eintragen").click()
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Titel").fill("Haltestellen und Fahrplan")
    page.get_by_label("Beschreibung").fill("Soll-Fahrplan des Stadtbusses")
    page.get_by_label("Thema (EU)").select_option("TRAN")
    page.get_by_label("Herausgeber").fill("Jenaer Nahverkehr")
    page.get_by_label("Adresse der Distribution 1").fill("https://daten.jena.example/gtfs.zip")
    page.get_by_label("Format der Distribution 1").select_option("ZIP")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Haltestellen und Fahrplan")
    assert serious_accessibility_violations(page) == []
    for path in ("/daten/", f"/daten/gebiet/{jena.code}/"):
        page.goto(live_server.url + path)
        expect(page.get_by_role("link", name="Haltestellen und Fahrplan")).to_be_visible()
        assert serious_accessibility_violations(page) == [], path
    page.goto(live_server.url + "/daten/netzwerk/thueringen/")
    expect(page.get_by_role("columnheader", name="Verkehr")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    response = page.request.get(live_server.url + "/catalog.ttl")
    assert response.ok and "Haltestellen und Fahrplan" in response.text()
