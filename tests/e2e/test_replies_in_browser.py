"""A citizen answers a comment of a public consultation in the browser: the reply link under the comment, the
reply page, the reply under its comment, at desktop and phone width (390 px), and the author's inbox entry
(issue 25). REPLY_SCREENSHOTS=dir keeps the screenshots."""

import os
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def test_a_citizen_replies_to_a_comment(page, live_server, thuringia, tmp_path):
    from smartregion.agendas import services as agenda_services
    from smartregion.notifications.models import Notification
    from smartregion.participation import services as participation
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    shots = Path(os.environ.get("REPLY_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    jena = Territory.objects.get(ags="16053000")
    editor = UserFactory(full_name="Erik Eingabe")
    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")
    agenda = agenda_services.create_agenda(
        territory=jena, title="Digitale Agenda Jena", start_year=2026, target_year=2030, by=editor
    )
    today = date.today()
    agenda_services.open_consultation(
        agenda, starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=14), by=editor
    )
    author = UserFactory(full_name="Bea Bürgerin")
    comment = participation.add_comment(
        agenda.consultation,
        part_key="vision",
        part_label="Vision und Ziele",
        text="Bitte mehr freies WLAN am Holzmarkt und in der Stadtbibliothek.",
        by=author,
    )
    citizen = UserFactory(full_name="Nora Nachbarin")

    log_in(page, live_server.url, citizen.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/digitalagenda/{agenda.pk}/beteiligung/#kommentar-{comment.pk}")
    page.locator(f"#kommentar-{comment.pk}").get_by_role("link", name="Antworten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Auf einen Kommentar antworten")
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(shots / "reply-form-desktop.png"), full_page=True)
    page.get_by_label("Ihre Antwort").fill("Gute Idee – am Bahnhof Paradies fehlt es auch.")
    page.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(page.get_by_text("Danke, Ihre Antwort ist veröffentlicht.")).to_be_visible()
    reply = page.locator(f"#kommentar-{comment.pk} + .comment-replies .comment--reply")
    expect(reply).to_contain_text("Gute Idee – am Bahnhof Paradies fehlt es auch.")
    expect(reply).to_contain_text("Nora Nachbarin")
    assert serious_accessibility_violations(page) == []
    thread = page.locator("#teil-vision")
    thread.screenshot(path=str(shots / "thread-desktop.png"))

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    thread.scroll_into_view_if_needed()
    thread.screenshot(path=str(shots / "thread-phone.png"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto(f"{live_server.url}/digitalagenda/{agenda.pk}/beteiligung/kommentar/{comment.pk}/antworten/")
    page.screenshot(path=str(shots / "reply-form-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    entry = Notification.objects.get(recipient=author, kind="antwort")
    assert entry.subject == "Antwort auf Ihren Kommentar: Digitale Agenda Jena – Vision und Ziele"
