"""Matching: eligibility is a hard filter, every result explains itself, nothing private leaks."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smartregion.actors import services as actor_services
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.matching import engine, sources
from smartregion.needs import services as need_services
from smartregion.projects import services as project_services
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from ..factories import UserFactory

TODAY = timezone.localdate()
SOON = TODAY + timedelta(days=30)


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def mobility(db):
    return Domain.objects.get(key="mobilitaet")


def _programme(code, mobility, *, deadline=SOON, **values):
    values = {
        "name": f"Programm {code}",
        "level": "Bund",
        "applicants": ["Gemeinde (kreisangehörig)", "Stadt (kreisangehörig)", "kreisfreie Stadt"],
        "status": "offen",  # list v2: "unbekannt" is never open
        **values,
    }
    programme = FundingProgramme.objects.create(code=code, **values)
    programme.domains.set([mobility])
    if deadline:
        Deadline.objects.create(programme=programme, closes_on=deadline, label="Stichtag")
    return programme


@pytest.fixture
def programmes(mobility):
    bavaria = Territory.objects.get(ars="09")
    used = _programme("T-USED", mobility, name="Bereits genutztes Programm")
    excluding = _programme("T-EXCL", mobility, name="Ausschließendes Programm")
    excluding.excludes.set([used])
    return {
        "eligible": _programme("T-OK", mobility, name="Parkraum digital", max_rate_percent=80),
        "wrong_land": _programme("T-LAND", mobility, name="Bayerisches Parkprogramm", level="Land", land=bavaria),
        "too_big": _programme("T-POP", mobility, name="Dorfprogramm", population_max=10_000),
        "closed": _programme(
            "T-CLOSED",
            mobility,
            name="Ausgelaufenes Programm",
            deadline=TODAY - timedelta(days=10),
            valid_until=TODAY - timedelta(days=5),
            status="geschlossen",
        ),
        "used": used,
        "excluding": excluding,
        "no_stacking": _programme("T-SOLO", mobility, name="Einzelgängerprogramm", stacking="nein"),
        "off_topic": _programme("T-OFF", Domain.objects.get(key="bildung"), name="Schulprogramm"),
    }


def _query(jena, mobility, *, used=()):
    return engine.MatchQuery(
        text="Parksensoren und freie Stellplätze in der Innenstadt anzeigen",
        domain_ids=(mobility.pk,),
        territory=jena,
        funding_used_ids=tuple(programme.pk for programme in used),
    )


def test_ineligible_programmes_never_appear_and_say_why(jena, mobility, programmes):
    shown, excluded = engine.match_programmes(_query(jena, mobility, used=[programmes["used"]]), today=TODAY)
    codes = [result.item.code for result in shown]
    assert codes == ["T-OK"]
    reasons = {entry.programme.code: entry.reason for entry in excluded}
    assert "Bayern" in reasons["T-LAND"]
    assert "10.000 Einwohner" in reasons["T-POP"]
    assert "ausgelaufen" in reasons["T-CLOSED"]
    assert "nicht kombinierbar mit Bereits genutztes Programm" in reasons["T-EXCL"]
    assert "bereits genutzt" in reasons["T-USED"]
    assert "nicht mit anderer Förderung kombinierbar" in reasons["T-SOLO"]
    assert "T-OFF" not in codes and "T-OFF" not in reasons  # off topic: not a match at all
    explanation = shown[0].explanation
    assert "Handlungsfeld Mobilität & Verkehr" in explanation
    assert "antragsberechtigt als" in explanation and f"Frist {SOON:%d.%m.%Y}" in explanation
    assert "Förderquote bis 80 %" in explanation


def test_without_funding_used_stacking_rules_do_not_exclude(jena, mobility, programmes):
    shown, _excluded = engine.match_programmes(_query(jena, mobility), today=TODAY)
    assert {"T-OK", "T-USED", "T-EXCL", "T-SOLO"} <= {result.item.code for result in shown}


def _project(admin, territory, title, status, mobility, start_year=None):
    project = project_services.create_project(
        by=admin,
        lead_territory=territory,
        title=title,
        summary="Freie Stellplätze in Echtzeit.",
        primary_domain=mobility,
        status=status,
        start_year=start_year,
    )
    return project_services.publish_project(project, by=admin)


def test_proven_nearby_projects_rank_first_and_explain_themselves(jena, ilmenau, admin, mobility):
    proven = _project(admin, ilmenau, "Parksensoren Testhausen", "betrieb", mobility, start_year=2021)
    idea = _project(admin, Territory.objects.get(ags="09162000"), "Parksensoren Ideenstadt", "idee", mobility)
    stopped = _project(admin, ilmenau, "Parksensoren eingestellt", "eingestellt", mobility)
    results = engine.match_projects(_query(jena, mobility), limit=50)
    ranked = [result.item.pk for result in results]
    assert proven.pk in ranked and stopped.pk not in ranked
    assert idea.pk not in ranked or ranked.index(proven.pk) < ranked.index(idea.pk)
    explanation = results[ranked.index(proven.pk)].explanation
    assert explanation.startswith("Betrieb seit 2021 in einer Mittelstadt")
    assert "km entfernt" in explanation and "Ilmenau" in explanation


def test_experts_by_competence_and_region_without_contact_data(client, jena, admin, mobility):
    local = actor_services.create_actor(
        by=admin,
        consent=True,
        name="Parkraum-Expertin",
        sector="wirtschaft",
        domains=[mobility],
        keywords=["Parksensoren"],
        regions=[Territory.objects.get(ars="16")],
        phone="+49 1 2345",
        phone_visibility="hidden",
    )
    actor_services.create_actor(
        by=admin, name="Schulexperte", sector="verwaltung", domains=[Domain.objects.get(key="bildung")]
    )
    results = engine.match_actors(_query(jena, mobility))
    assert [result.item for result in results] == [local]
    assert results[0].explanation.startswith("Kompetenz in Mobilität & Verkehr, Parksensoren; betreut Thüringen")
    need = need_services.create_need(
        territory=jena,
        by=admin,
        title="Parksensoren",
        description="freie Stellplätze",
        domains=[mobility],
        is_public=True,
    )
    body = client.get(reverse("matches"), {"need": need.pk}).content.decode()
    assert "Parkraum-Expertin" in body and "+49 1 2345" not in body
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "Parkraum-Expertin" in page and "+49 1 2345" not in page


def test_the_api_and_need_page_answer_alike_and_private_needs_stay_hidden(client, jena, admin, mobility, programmes):
    public = need_services.create_need(
        territory=jena,
        by=admin,
        title="Parksensoren",
        description="freie Stellplätze",
        domains=[mobility],
        is_public=True,
    )
    data = client.get(reverse("matches"), {"need": public.pk, "funding_used": "T-USED"}).json()
    expected = engine.match(sources.for_need(public, funding_used_ids=(programmes["used"].pk,)), today=TODAY)
    assert [entry["code"] for entry in data["programmes"]] == [result.item.code for result in expected.programmes]
    assert [entry["id"] for entry in data["projects"]] == [result.item.pk for result in expected.projects]
    assert all(entry["explanation"] for entry in data["projects"] + data["programmes"])
    assert {entry["code"] for entry in data["excluded_programmes"]} >= {"T-LAND", "T-POP", "T-EXCL"}
    page = client.get(reverse("needs:detail", args=[public.pk]), {"genutzt": "T-USED"}).content.decode()
    assert "Parkraum digital" in page and "nicht kombinierbar mit Bereits genutztes Programm" in page
    private = need_services.create_need(territory=jena, by=admin, title="Intern", domains=[mobility])
    assert client.get(reverse("matches"), {"need": private.pk}).status_code == 404
    free = client.get(
        reverse("matches"), {"text": "Parksensoren", "domain": "mobilitaet", "territory": jena.ars}
    ).json()
    free_codes = {entry["code"] for entry in free["programmes"]}
    assert "T-OK" in free_codes and not free_codes & {"T-LAND", "T-POP", "T-CLOSED"}
    assert client.get(reverse("matches")).status_code == 400


def test_a_gap_opens_matches_from_the_results_page(client, jena, admin, mobility, programmes):
    from smartregion.assessments import services as assessment_services

    assessment = assessment_services.start_assessment(territory=jena, cycle=2025, by=admin)
    assessment.answers.update(current_level=2, target_level=2)
    assessment.answers.filter(cell__domain=mobility, cell__dimension__key="infrastruktur").update(
        current_level=1, target_level=3
    )
    assessment = assessment_services.submit_assessment(assessment=assessment, by=admin)
    client.force_login(admin)
    results = client.get(reverse("assessments:results", args=[assessment.pk])).content.decode()
    answer = assessment.answers.get(cell__domain=mobility, cell__dimension__key="infrastruktur")
    gap_url = reverse("matching:gap", args=[assessment.pk, answer.cell_id])
    assert gap_url in results
    page = client.get(gap_url).content.decode()
    assert "Parkraum digital" in page and "Stufe 1 → 3" in page
    assert "Zum Bedarf, der aus dieser Lücke entstanden ist" in page
    client.logout()
    assert client.get(gap_url).status_code == 404  # private assessment


def test_a_match_keeps_its_query_count_as_the_data_grows(client, jena, admin, mobility, programmes):
    need = need_services.create_need(
        territory=jena,
        by=admin,
        title="Parksensoren",
        description="freie Stellplätze",
        domains=[mobility],
        is_public=True,
    )

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("matches"), {"need": need.pk}).status_code == 200
        return len(context)

    def add(number):
        _project(admin, jena, f"Parksensoren {number}", "betrieb", mobility)
        actor_services.create_actor(by=admin, name=f"Fachfrau {number}", sector="wirtschaft", domains=[mobility])
        _programme(f"T-MORE-{number}", mobility)

    add(0)  # at least one of each kind, so that every step of the ranking runs
    before = count()
    for number in range(1, 7):
        add(number)
    assert count() == before


def test_the_method_page_shows_the_weights(client):
    from smartregion.matching import weights

    text = client.get(reverse("matching:method")).content.decode()
    assert f"{weights.PROJECT_MIN_SHARE * 100:g} %" in text and "Ausschlusskriterien" in text
    assert "Synonym aus dem Vokabular" in text and str(weights.PROJECT_SYNONYM).replace(".", ",") in text


def test_eligibility_dates(jena, mobility):
    programme = _programme("T-DATE", mobility, deadline=date(2020, 1, 1), status="offen")
    shown, excluded = engine.match_programmes(_query(jena, mobility), today=TODAY)
    assert programme.code not in [result.item.code for result in shown]
    assert "verstrichen" in {entry.programme.code: entry.reason for entry in excluded}["T-DATE"]
