"""Leichte Sprache is reachable by keyboard from the header and passes the accessibility scan."""

from playwright.sync_api import expect

from .conftest import serious_accessibility_violations


def test_easy_read_from_the_header_by_keyboard(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Leichte Sprache")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leichte Sprache")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="So machen Sie bei einer Beteiligung mit").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("So machen Sie bei einer Beteiligung mit")
    assert serious_accessibility_violations(page) == []
    page.goto(live_server.url + "/gebaerdensprache/")
    assert serious_accessibility_violations(page) == []
