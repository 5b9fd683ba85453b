"""From an assessment gap to matching solutions: a project, an expert and an eligible programme, each explained."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def _world(jena):
    """Jena's submitted assessment with a mobility gap, a proven project nearby, an expert, two programmes."""
    from smartregion.actors import services as actor_services
    from smartregion.assessments import services as assessment_services
    from smartregion.funding.models import Deadline, FundingProgramme
    from smartregion.projects import services as project_services
    from smartregion.taxonomy.models import Domain
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import UserFactory

    mobility = Domain.objects.get(key="mobilitaet")
    admin = UserFactory(is_superuser=True)
    editor = UserFactory(email="redaktion@jena.example")
    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")
    project = project_services.create_project(
        by=admin,
        lead_territory=Territory.objects.get(ags="16070029"),
        title="Parksensoren und digitale Fahrgastinformation Ilmenau",
        summary="Freie Stellplätze in Echtzeit, Anzeigen an Haltestellen.",
        primary_domain=mobility,
        status="betrieb",
        start_year=2021,
    )
    project_services.publish_project(project, by=admin)
    actor_services.create_actor(
        by=admin,
        consent=True,
        name="Mobilitätsberatung Mitteldeutschland",
        kind="organisation",
        sector="wirtschaft",
        domains=[mobility],
        keywords=["Parksensoren"],
        regions=[Territory.objects.get(ars="16")],
        available_forum=True,
        phone="+49 361 000000",
        phone_visibility="hidden",
    )
    eligible = FundingProgramme.objects.create(
        code="E2E-1",
        name="Digitale Mobilität in Kommunen",
        level="Bund",
        applicants=["kreisfreie Stadt"],
        max_rate_percent=75,
        status="offen",
    )
    eligible.domains.set([mobility])
    Deadline.objects.create(programme=eligible, closes_on=timezone.localdate() + timedelta(days=40))
    bavarian = FundingProgramme.objects.create(
        code="E2E-2",
        name="Bayerische Parkraumförderung",
        level="Land",
        land=Territory.objects.get(ars="09"),
        applicants=["kreisfreie Stadt"],
        status="offen",
    )
    bavarian.domains.set([mobility])
    assessment = assessment_services.start_assessment(territory=jena, cycle=2026, by=editor)
    assessment.answers.update(current_level=2, target_level=2)
    assessment.answers.filter(cell__domain=mobility, cell__dimension__key="infrastruktur").update(
        current_level=1, target_level=3, priority=3
    )
    return editor, assessment_services.submit_assessment(assessment=assessment, by=editor)


def test_from_a_gap_to_a_project_an_expert_and_an_eligible_programme(page, live_server, catalog):
    from django.core.management import call_command

    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD

    call_command("load_matrix", verbosity=0)
    editor, assessment = _world(Territory.objects.get(ags="16053000"))
    log_in(page, live_server.url, editor.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/selbsteinschaetzung/{assessment.pk}/")
    gaps = page.get_by_role("region", name="Größte Lücken")
    gaps.get_by_role("link", name="Mobilität & Verkehr, Infrastruktur & Technik").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Passende Lösungen für eine Lücke")
    projects = page.get_by_role("region", name="Projekte, die das gelöst haben")
    first_project = projects.get_by_role("listitem").first
    expect(first_project).to_contain_text("Parksensoren und digitale Fahrgastinformation Ilmenau")
    expect(first_project).to_contain_text("Betrieb seit 2021 in einer Mittelstadt")
    experts = page.get_by_role("region", name="Fachleute und Organisationen")
    expect(experts.get_by_role("listitem").first).to_contain_text("Kompetenz in Mobilität & Verkehr")
    expect(experts).not_to_contain_text("+49 361 000000")
    programmes = page.get_by_role("region", name="Förderprogramme mit Antragsberechtigung")
    expect(programmes.get_by_role("listitem").first).to_contain_text("Digitale Mobilität in Kommunen")
    expect(programmes.get_by_role("listitem").first).to_contain_text("antragsberechtigt als")
    expect(programmes.get_by_role("list").first).not_to_contain_text("Bayerische Parkraumförderung")
    programmes.get_by_text("zum Thema, aber nicht möglich").click()
    expect(programmes).to_contain_text("Bayerische Parkraumförderung: nur für Antragsteller in Bayern")
    assert serious_accessibility_violations(page) == []

    first_project.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Parksensoren und digitale Fahrgastinformation")
    page.go_back()
    page.get_by_role("link", name="Zum Bedarf, der aus dieser Lücke entstanden ist").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mobilität & Verkehr – Infrastruktur & Technik")
    expect(page.get_by_role("region", name="Passende Lösungen")).to_contain_text("Mobilitätsberatung Mitteldeutschland")
    assert serious_accessibility_violations(page) == []
    page.goto(f"{live_server.url}/experten/")
    assert serious_accessibility_violations(page) == []
