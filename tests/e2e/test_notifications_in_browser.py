"""A member registers for a meeting in the browser and finds it in her inbox: the header badge counts it, the inbox
marks it read, the settings page switches the kind to the daily digest — in German and English (issue 25).
NOTIFY_SCREENSHOTS=dir keeps the screenshots."""

import os
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def test_the_inbox_badge_and_settings_in_the_browser(page, live_server, thuringia, tmp_path):
    from smartregion.events import services as events
    from smartregion.network import services as network_services
    from smartregion.notifications.models import DeliverySetting
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    shots = Path(os.environ.get("NOTIFY_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    coordinator = UserFactory(email="koordination@netz.example")
    network = network_services.create_network(name="Netzwerk Thüringen", slug="thueringen", by=coordinator)
    jena = Territory.objects.get(ags="16053000")
    network_services.add_member(network, jena, by=coordinator)
    member = UserFactory(email="redaktion@jena.example", full_name="Rita Redaktion")
    territory_roles.grant_territory_role(user=member, territory=jena, role="editor")
    start = timezone.now() + timedelta(days=20)
    event = events.create_event(
        network=network, by=coordinator, kind="netzwerktreffen", title="Netzwerktreffen Frühjahr", host=jena,
        starts_at=start, ends_at=start + timedelta(hours=4), place="Rathaus Jena",
    )  # fmt: skip

    log_in(page, live_server.url, member.email, TEST_PASSWORD)
    page.goto(live_server.url + event.get_absolute_url())
    page.get_by_role("button", name="Teilnehmen").click()
    expect(page.get_by_text("Sie sind angemeldet.").first).to_be_visible()
    badge = page.locator(".header-inbox .notification-badge")
    expect(badge).to_contain_text("1")
    page.locator(".site-header").screenshot(path=str(shots / "header-badge-de.png"))

    page.locator(".header-inbox").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Posteingang")
    expect(page.get_by_role("heading", name="Angemeldet: Netzwerktreffen Frühjahr")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(shots / "inbox-de.png"), full_page=True)
    page.get_by_role("button", name="Als gelesen markieren: Angemeldet: Netzwerktreffen Frühjahr").click()
    expect(page.get_by_text("0 ungelesene Benachrichtigungen.")).to_be_visible()
    expect(badge).to_have_count(0)

    page.get_by_role("link", name="Welche per E-Mail kommen, stellen Sie hier ein.").click()
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(shots / "settings-de.png"), full_page=True)
    page.get_by_role("group", name="Anmeldungen zu Treffen").get_by_label("einmal täglich zusammengefasst").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Ihre Einstellungen sind gespeichert.")).to_be_visible()
    assert DeliverySetting.objects.get(user=member, kind="anmeldung").delivery == "taeglich"

    page.goto(live_server.url + "/en/konto/benachrichtigungen/")
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(shots / "inbox-en.png"), full_page=True)
    page.locator(".site-header").screenshot(path=str(shots / "header-en.png"))
    page.goto(live_server.url + "/en/konto/benachrichtigungen/einstellungen/")
    page.screenshot(path=str(shots / "settings-en.png"), full_page=True)
