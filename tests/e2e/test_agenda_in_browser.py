"""The Digitalisierungskonzept end to end: an editor creates it, adds a goal and two measures, opens the
consultation; a citizen comments; the editor closes it and downloads the council PDF. axe-core on the
agenda, consultation and monitoring pages."""

from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def _people():
    from django.core.management import call_command

    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import UserFactory

    call_command("load_taxonomy", verbosity=0)
    call_command("load_matrix", verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    editor = UserFactory(email="redaktion@jena.example", full_name="Erik Eingabe")
    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")
    citizen = UserFactory(email="buergerin@example.org", full_name="Bea Bürgerin")
    return editor, citizen


def _log_out(page):
    page.get_by_role("button", name="Abmelden").click()


def test_agenda_from_draft_through_consultation_to_the_council_pdf(page, live_server):
    from pypdf import PdfReader

    from smartregion.participation.models import Comment
    from tests.factories import TEST_PASSWORD

    editor, citizen = _people()
    log_in(page, live_server.url, editor.email, TEST_PASSWORD)

    page.goto(f"{live_server.url}/digitalagenda/")
    page.get_by_role("link", name="Digitalisierungskonzept anlegen").click()
    page.get_by_label("Gebietskörperschaft oder Verbund").select_option(label="Jena, Stadt")
    page.get_by_label("Titel").fill("Digitale Agenda Jena")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitale Agenda Jena")

    page.get_by_role("link", name="Ziel hinzufügen").click()
    page.get_by_label("Ziel", exact=True).fill("Daten als gemeinsame Grundlage")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Z1 Daten als gemeinsame Grundlage")).to_be_visible()

    for title, start, end in (
        ("Urbane Datenplattform", "2027-02-01", "2028-06-30"),
        ("LoRaWAN-Netz", "2027-04-01", "2027-12-31"),
    ):
        page.get_by_role("link", name="Maßnahme hinzufügen").click()
        page.get_by_label("Titel").fill(title)
        page.get_by_label("Beginn").fill(start)
        page.get_by_label("Ende").fill(end)
        page.get_by_label("Daten als gemeinsame Grundlage").check()
        page.get_by_label("Fördermittel 2027").fill("120.000")
        page.get_by_role("button", name="Speichern").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        page.get_by_role("link", name="Digitale Agenda Jena").first.click()

    expect(page.get_by_role("table", name="Maßnahmen mit Zeitplan, Verantwortung und Finanzierung")).to_contain_text(
        "LoRaWAN-Netz"
    )
    expect(page.get_by_role("table", name="Finanzierung je Jahr und Quelle (Euro)")).to_contain_text("240.000")
    page.get_by_role("button", name="Beteiligung öffnen").click()
    expect(page.get_by_text("Die Beteiligung ist geöffnet")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    agenda_url = page.url
    _log_out(page)

    log_in(page, live_server.url, citizen.email, TEST_PASSWORD)
    page.goto(agenda_url + "beteiligung/")
    page.get_by_label("Ihr Kommentar zu „Vision und Ziele“").fill("Bitte auch an ältere Menschen denken.")
    page.locator("#teil-vision").get_by_role("button", name="Kommentieren").click()
    expect(page.get_by_text("Danke, Ihr Kommentar ist veröffentlicht.")).to_be_visible()
    expect(page.locator("#teil-vision")).to_contain_text("Bitte auch an ältere Menschen denken.")
    assert serious_accessibility_violations(page) == []
    _log_out(page)

    log_in(page, live_server.url, editor.email, TEST_PASSWORD)
    page.goto(agenda_url)
    page.get_by_role("button", name="Beteiligung beenden").click()
    expect(page.get_by_text("Die Beteiligung ist beendet.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="PDF für den Rat erstellen").click()  # no broker: built at once
    pdf = download_info.value
    assert pdf.suggested_filename.endswith(".pdf")
    reader = PdfReader(pdf.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Urbane Datenplattform" in text and "LoRaWAN-Netz" in text and "7 Beteiligung" in text
    assert Comment.objects.filter(text="Bitte auch an ältere Menschen denken.").count() == 1

    page.get_by_role("link", name="Monitoring").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Monitoring")
    assert serious_accessibility_violations(page) == []
