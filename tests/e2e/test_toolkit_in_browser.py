"""From a questionnaire cell to its guide, a template download and a glossary term; axe on the toolkit pages."""

from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def test_editor_follows_a_cell_to_its_guide_downloads_the_template_and_looks_up_a_term(page, live_server, thuringia):
    from django.core.management import call_command

    from smartregion.assessments import services as assessment_services
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    for command in ("load_taxonomy", "load_matrix", "load_glossary", "load_toolkit"):
        call_command(command, verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    editor = UserFactory(email="redaktion@jena.example")
    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")
    assessment = assessment_services.start_assessment(territory=jena, cycle=2026, by=editor)

    log_in(page, live_server.url, editor.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/selbsteinschaetzung/{assessment.pk}/feld/verwaltung/")
    cell = page.locator("form.cell-form").first
    cell.get_by_role("link", name="Bestandsaufnahme: digitale Projekte, Daten und Akteure erfassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bestandsaufnahme: digitale Projekte, Daten und Akteure erfassen"
    )
    expect(page.get_by_text("nächste Prüfung")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Vorlage Bestandsaufnahme (Excel)").click()
    download = download_info.value
    assert download.suggested_filename == "vorlage-bestandsaufnahme-excel.xlsx"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"PK\x03\x04"

    page.locator(".guide-body").get_by_role("link", name="LoRaWAN").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("LoRaWAN")
    assert serious_accessibility_violations(page) == []
    page.goto(live_server.url + "/glossar/")
    assert serious_accessibility_violations(page) == []

    for path in ("/werkzeugkasten/", "/werkzeugkasten/empfehlungen/", "/leichte-sprache/", "/suche/?q=Daten"):
        page.goto(live_server.url + path)
        assert serious_accessibility_violations(page) == [], path
    page.goto(f"{live_server.url}/werkzeugkasten/bestandsaufnahme/{jena.code}/projekte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestandsaufnahme Jena, Stadt")
    assert serious_accessibility_violations(page) == []
