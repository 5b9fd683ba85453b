"""The accessibility statement: reached from the footer by keyboard, its feedback form sent in a real browser,
the message in the operator's list with its reply date; no serious axe finding on either page."""

from django.core import mail
from playwright.sync_api import expect

from smartregion.core.models import AccessibilityFeedback
from tests.factories import TEST_PASSWORD, UserFactory

from .conftest import log_in, serious_accessibility_violations


def test_feedback_from_the_statement_reaches_the_operators_list(page, live_server, settings):
    settings.OPERATOR_CONTACT_EMAIL = "betrieb@example.org"
    page.goto(live_server.url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Barrierefreiheit").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Erklärung zur Barrierefreiheit")
    expect(page.get_by_role("link", name="Schlichtungsstelle nach dem Behindertengleichstellungsgesetz")).to_have_count(
        1
    )
    assert serious_accessibility_violations(page) == []

    page.get_by_label("Ihre E-Mail-Adresse").fill("keine-adresse")
    page.get_by_label("Ihre Nachricht").fill("Der Kontrast der Legende ist zu gering.")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.locator(".kern-error").first).to_be_visible()  # refused, with the reason at the field
    assert AccessibilityFeedback.objects.count() == 0

    page.get_by_label("Ihre E-Mail-Adresse").fill("leserin@example.org")
    page.get_by_label("Seite oder Inhalt, um den es geht").fill("Dashboard des Netzwerks")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.get_by_text("Ihre Nachricht ist angekommen")).to_be_visible()
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page == "Dashboard des Netzwerks" and feedback.message.startswith("Der Kontrast")
    assert [message.to for message in mail.outbox] == [["betrieb@example.org"]]
    assert serious_accessibility_violations(page) == []

    UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    log_in(page, live_server.url, "admin@example.org", TEST_PASSWORD)
    page.goto(live_server.url + "/barrierefreiheit/rueckmeldungen/")
    expect(page.get_by_role("cell", name="leserin@example.org", exact=True)).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Antwort an leserin@example.org eintragen").click()
    expect(page.get_by_text("Als beantwortet eingetragen.")).to_be_visible()
    feedback.refresh_from_db()
    assert feedback.answered_by == "admin@example.org"
