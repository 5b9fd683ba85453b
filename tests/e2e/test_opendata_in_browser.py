"""An editor enters a dataset by keyboard-reachable form; the inventory pages pass the accessibility scan."""

from playwright.sync_api import expect

from smartregion.territories import roles as territory_roles

from .conftest import log_in, serious_accessibility_violations


def test_editor_enters_an_open_dataset_and_the_inventory_shows_it(page, live_server, thuringia):
    from django.core.management import call_command

    from smartregion.network import services as network_services
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    call_command("load_taxonomy", verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    editor = UserFactory(email="daten@jena.example")
    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")
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


def test_the_editor_sees_the_metadata_quality_and_follows_a_fix_link(page, live_server, thuringia):
    import os
    from pathlib import Path

    from django.core.management import call_command

    from smartregion.opendata import services
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    call_command("load_taxonomy", verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    editor = UserFactory(email="qualitaet@jena.example")
    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")
    services.create_dataset(territory=jena, by=editor, title="Baumkataster", description="Straßenbäume",
                            publisher="Grünflächenamt", theme="ENVI", access="open")  # fmt: skip
    services.create_dataset(
        territory=jena, by=editor, title="Verkehrszählung", publisher="Tiefbauamt", theme="TRAN", access="internal",
        description="Zählstellen an allen Einfallstraßen, stündliche Werte je Fahrtrichtung, seit 2020 erhoben.",
        contact_email="verkehr@jena.example", keywords="Verkehr", frequency="MONTHLY", attribution="Stadt Jena",
        distributions=[{"access_url": "https://daten.jena.example/z.csv", "file_type": "CSV"}],
    )  # fmt: skip

    log_in(page, live_server.url, editor.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/daten/gebiet/{jena.code}/")
    page.get_by_role("link", name="Was fehlt und wie Sie es ergänzen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Metadatenqualität")
    expect(page.get_by_text("Punktzahl des Gebiets")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    if shots := os.environ.get("SHOTS_DIR"):  # for looking at it: SHOTS_DIR=/tmp/shots/<name>
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / "quality-territory-editor.png"), full_page=True)
    row = page.get_by_role("row").filter(has_text="Baumkataster")
    row.get_by_role("link", name="Kontakt-E-Mail").click()
    expect(page.get_by_label("Kontakt (E-Mail)")).to_be_visible()
    assert page.url.endswith("#id_contact_email")
