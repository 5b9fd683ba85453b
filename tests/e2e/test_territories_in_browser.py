import re

from playwright.sync_api import expect

from .conftest import serious_accessibility_violations


def test_search_ilmenau_open_the_result_and_see_its_facts(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_label("Name, Schlüssel oder Postleitzahl").fill("Ilmenau")
    page.get_by_role("main").get_by_role("button", name="Suchen").click()
    expect(page).to_have_url(re.compile(r"/gebiete/\?q=Ilmenau"))
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Ilmenau, Stadt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ilmenau, Stadt")
    facts = page.locator("dl.kern-description-list")
    expect(facts).to_contain_text("160700029029")
    expect(facts).to_contain_text("39.147")
    expect(page.get_by_role("navigation", name="Brotkrumen")).to_contain_text("Ilm-Kreis")
    assert serious_accessibility_violations(page) == []


def test_home_is_accessible_and_keyboard_reaches_the_content(page, live_server):
    page.goto(live_server.url + "/")
    assert serious_accessibility_violations(page) == []
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_kreis_page_sorts_and_is_accessible(page, live_server):
    page.goto(live_server.url + "/gebiete/16070/")
    rows = page.locator("table tbody tr th")
    expect(rows.first).to_contain_text("Ilmenau")
    page.get_by_role("link", name="Einwohner").click()
    expect(rows.first).not_to_contain_text("Ilmenau")
    assert serious_accessibility_violations(page) == []


def test_pages_raise_no_content_security_policy_violations(browser, live_server, thuringia):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on(
        "console", lambda message: problems.append(f"{page.url}: {message.text}") if message.type == "error" else None
    )
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: problems.append(f"{response.status}: {response.url}") if response.status >= 400 else None,
    )
    for path in ["/", "/gebiete/?q=Ilmenau", "/gebiete/16070/", "/netzwerke/", "/projekte/karte/", "/api/docs"]:
        page.goto(live_server.url + path, wait_until="networkidle")
    context.close()
    assert problems == []


def test_english_version_is_reachable_from_the_header(page, live_server):
    page.goto(live_server.url + "/gebiete/16070/")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name="Fact sheet")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
