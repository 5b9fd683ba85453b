from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def test_find_a_lorawan_project_in_bavaria_and_adopt_it(page, live_server, catalog):
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    editor = UserFactory(email="redaktion@jena.example")
    territory_roles.grant_territory_role(user=editor, territory=Territory.objects.get(ags="16053000"), role="editor")

    page.goto(live_server.url + "/projekte/")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Suchbegriff").fill("LoRaWAN")
    page.get_by_role("button", name="Anwenden").click()
    page.locator("select[name=land]").select_option("09")
    page.get_by_role("button", name="Anwenden").click()
    results = page.locator("article.project-card")
    expect(results.first).to_be_visible()
    expect(page.locator("article.project-card .meta").first).to_contain_text("Bayern")
    assert serious_accessibility_violations(page) == []

    title = results.first.locator("h3").inner_text()
    results.first.locator("h3 a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    similar = page.locator("section.similar")
    expect(similar.locator(".result-list li").first).to_be_visible()  # loaded after the page by htmx
    expect(similar.get_by_role("link", name="Ähnliche Projekte anzeigen")).to_have_count(0)
    assert serious_accessibility_violations(page) == []
    detail_url = page.url

    log_in(page, live_server.url, editor.email, TEST_PASSWORD)
    page.goto(detail_url)
    page.get_by_role("button", name="Nachnutzen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".kern-preline")).to_contain_text("Jena")
    expect(page.get_by_text("Entwurf – nicht öffentlich")).to_be_visible()
    expect(page.get_by_text("Nachnutzung von:")).to_be_visible()
    expect(page.get_by_text("Noch die Texte des Originals")).to_be_visible()  # rewrite before publishing


def test_map_is_accessible_and_draws_projects(page, live_server, catalog):
    page.goto(live_server.url + "/projekte/karte/?land=16")
    expect(page.locator("#project-map")).to_be_visible()
    expect(page.locator("#project-map .leaflet-interactive").first).to_be_attached()
    assert serious_accessibility_violations(page) == []
