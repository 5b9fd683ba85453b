from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def _peers(jena):
    """Six other Thuringian Gemeinden with submitted assessments, so that the Land group shows a benchmark."""
    from smartregion.assessments import peers, services
    from smartregion.territories.models import Territory
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True)
    others = Territory.objects.filter(kind="gemeinde", land=jena.land).exclude(pk=jena.pk).order_by("ars")[:6]
    for level, territory in enumerate(others):
        assessment = services.start_assessment(territory=territory, cycle=2026, by=admin)
        assessment.answers.update(current_level=level % 5, target_level=4)
        services.submit_assessment(assessment=assessment, by=admin)
    peers.recompute()


def _saved(response) -> bool:
    return "/zelle/" in response.url and response.request.method == "POST"


def _fill_field(page, level: int):
    """Answer every cell of the field; each change is saved by htmx, and we wait for each save."""
    for cell_id in [form.get_attribute("id") for form in page.locator("form.cell-form").all()]:
        with page.expect_response(_saved):
            page.locator(f"#{cell_id} input[type=radio][value='{level}']").check()
        expect(page.locator(f"#{cell_id} .saved-note")).to_have_text("gespeichert")
        with page.expect_response(_saved):
            page.locator(f"#{cell_id} select[name$='target_level']").select_option(str(min(4, level + 1)))
        expect(page.locator(f"#{cell_id} .saved-note")).to_have_text("gespeichert")


def test_editor_fills_two_fields_reloads_submits_and_sees_the_benchmark(page, live_server, thuringia):
    from django.core.management import call_command

    from smartregion.assessments.models import Answer, Assessment
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    call_command("load_taxonomy", verbosity=0)
    call_command("load_matrix", verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    _peers(jena)
    editor = UserFactory(email="redaktion@jena.example")
    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")

    log_in(page, live_server.url, editor.email, TEST_PASSWORD)
    page.goto(live_server.url + "/selbsteinschaetzung/")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Jahr").fill("2026")
    page.get_by_role("button", name="Selbsteinschätzung beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwaltung & Bürgerservices")
    assert serious_accessibility_violations(page) == []

    _fill_field(page, 2)
    page.get_by_role("link", name="Mobilität & Verkehr →").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mobilität & Verkehr")
    _fill_field(page, 3)

    page.reload()
    checked = page.locator("form.cell-form input[type=radio][value='3']:checked")
    expect(checked).to_have_count(6)
    assessment = Assessment.objects.get(territory=jena, cycle=2026)
    assert Answer.objects.filter(assessment=assessment, current_level__isnull=False).count() == 12

    # The other ten fields are not relevant for this test town (set directly: 60 more clicks prove nothing new).
    Answer.objects.filter(assessment=assessment, current_level__isnull=True).update(not_relevant=True)
    page.get_by_role("button", name="Selbsteinschätzung abschließen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selbsteinschätzung Jena")
    expect(page.locator("svg.radar-chart")).to_be_visible()
    expect(page.get_by_text("Median der Vergleichsgruppe:")).to_be_visible()
    # overall index = mean of the two relevant fields: (50 + 75) / 2
    expect(page.get_by_role("heading", name="Gesamtindex: 62,5 / 100")).to_be_visible()
    assert serious_accessibility_violations(page) == []
