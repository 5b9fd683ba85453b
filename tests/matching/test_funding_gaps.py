"""Issue 22: the funding gaps of a network: members' needs without an eligible, topic-fitting programme and
without an offering, grouped by Handlungsfeld, Land, Kreis and size class; the coordinators' recommendations."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartregion.assessments import services as assessment_services
from smartregion.core.concurrency import EditConflict
from smartregion.core.freshness import bulk_written
from smartregion.funding.models import FundingProgramme
from smartregion.matching import services
from smartregion.matching.funding_gaps import funding_gaps
from smartregion.matching.models import GapRecommendation
from smartregion.needs import services as need_services
from smartregion.needs.enums import NeedStatus
from smartregion.needs.models import Need
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.offerings.models import Offering
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from ..assessments.conftest import fill
from ..factories import UserFactory

TODAY = date(2026, 11, 22)
ALL_GROUPS = ["Gemeinde (kreisangehörig)", "Stadt (kreisangehörig)", "kreisfreie Stadt", "Landkreis"]


def _programme(code, domain_key, *, description, **values):
    values = {
        "name": f"Programm {code}",
        "level": "Bund",
        "applicants": ALL_GROUPS,
        "status": "offen",
        "deadline_rule": "laufend",
        "as_of": TODAY - timedelta(days=30),
        "description": description,
        **values,
    }
    programme = FundingProgramme.objects.create(code=code, **values)
    programme.domains.set([Domain.objects.get(key=domain_key)])
    return programme


def _need(territory, title, domain_key, *, by, **fields):
    return need_services.create_need(
        territory=territory, by=by, domains=[Domain.objects.get(key=domain_key)], title=title, **fields
    )


@pytest.fixture
def gap_network(db, jena, ilmenau):
    admin = UserFactory(is_superuser=True, is_staff=True)
    munich = Territory.objects.get(ags="09162000")
    network = network_services.create_network(name="Lückennetz", slug="luecken", by=admin)
    for member in (jena, ilmenau, munich):
        network_services.add_member(network, member, by=admin)
    _programme("T-MOB", "mobilitaet", description="Förderung digitaler Mobilitätsangebote wie Rufbusse.")
    thuringia = Territory.objects.get(kind="land", ars="16")
    _programme(
        "T-PFLEGE-TH",
        "gesundheit-pflege",
        description="Telemedizin in der Pflege.",
        level="Land",
        land=thuringia,
    )
    needs = {
        "rufbus": _need(jena, "Rufbus für die Ortsteile", "mobilitaet", by=admin),
        "pflege": _need(munich, "Telemedizin in Pflegeheimen", "gesundheit-pflege", by=admin),
        "portal": _need(ilmenau, "Bürgerportal mit Terminbuchung", "verwaltung", by=admin),
        "dropped": _need(ilmenau, "Parkleitsystem", "verwaltung", by=admin, status=NeedStatus.DROPPED),
    }
    coordinator = UserFactory()
    network_roles.grant_network_role(user=coordinator, network=network)
    return {"network": network, "admin": admin, "coordinator": coordinator, "needs": needs, "munich": munich}


def _groups(analysis, grouping):
    return {group.label: group for group in analysis.groupings[grouping]}


def test_a_need_without_eligible_programme_or_offering_is_a_gap(gap_network, jena, ilmenau):
    analysis = funding_gaps(gap_network["network"], today=TODAY)
    assert analysis.member_count == 3
    assert analysis.need_count == 3  # the dropped need does not count
    assert {need.title for need in analysis.gaps} == {"Telemedizin in Pflegeheimen", "Bürgerportal mit Terminbuchung"}
    assert analysis.member_with_gap_count == 2
    rufbus = next(need for need in analysis.needs if need.title == "Rufbus für die Ortsteile")
    assert rufbus.programmes == 1 and not rufbus.is_gap
    # München may not apply for the Thuringian programme: a gap, with the reason it is closed to it.
    pflege = next(need for need in analysis.gaps if need.title == "Telemedizin in Pflegeheimen")
    assert pflege.excluded == ["Programm T-PFLEGE-TH (nur für Antragsteller in Thüringen)"]

    by_domain = _groups(analysis, "handlungsfeld")
    assert set(by_domain) == {"Gesundheit & Pflege", "Verwaltung & Bürgerservices"}
    health = by_domain["Gesundheit & Pflege"]
    assert (health.gap_count, health.need_count, health.member_count, health.excluded_count) == (1, 1, 1, 1)
    assert [(example.member, example.title) for example in health.examples] == [
        ("München", "Telemedizin in Pflegeheimen")
    ]
    assert health.blocked_rows == [("nur in anderen Ländern", 1)]
    assert pflege.blocked == {"land"}
    assert health.examples[0].url == reverse("needs:detail", args=[gap_network["needs"]["pflege"].pk])

    by_land = _groups(analysis, "land")
    assert (by_land["Thüringen"].gap_count, by_land["Thüringen"].need_count, by_land["Thüringen"].share) == (1, 2, 50)
    assert (by_land["Bayern"].gap_count, by_land["Bayern"].need_count) == (1, 1)
    assert set(_groups(analysis, "kreis")) == {"München", "Ilm-Kreis"}
    by_size = _groups(analysis, "groesse")
    assert by_size["Großstadt (ab 100.000 Einw.)"].gap_count == 1  # München
    assert by_size[str(ilmenau.get_size_class_display())].gap_count == 1


def test_an_offering_for_the_member_closes_the_gap(gap_network, ilmenau):
    offering = Offering.objects.create(
        code="T-ANG",
        name="Bürgerportal-Beratung",
        level="Bund",
        kind="beratung",
        target_groups=["Stadt", "Gemeinde"],
        cost="kostenfrei",
        summary="Beratung zu Bürgerportal und Terminbuchung.",
        status="aktiv",
    )
    offering.domains.set([Domain.objects.get(key="verwaltung")])
    analysis = funding_gaps(gap_network["network"], today=TODAY)
    portal = next(need for need in analysis.needs if need.title == "Bürgerportal mit Terminbuchung")
    assert portal.offerings == 1 and not portal.is_gap
    assert [need.title for need in analysis.gaps] == ["Telemedizin in Pflegeheimen"]


def test_gaps_of_the_latest_shared_assessment_count_unless_a_need_speaks_for_them(gap_network, jena):
    admin = gap_network["admin"]
    assessment = assessment_services.start_assessment(territory=jena, cycle=2025, by=admin)
    fill(assessment, 1, 3, by=admin)
    assessment.visibility = "networks"
    assessment.save(update_fields=["visibility"])
    assessment = assessment_services.submit_assessment(assessment=assessment, by=admin)
    # Needs recorded from the gaps (on submit) speak for them: removed here, as in data from before needs.
    recorded = Need.all_objects.filter(territory=jena, origin_ref=f"assessment:{assessment.pk}")
    assert recorded.count() == 5
    recorded.delete()
    analysis = funding_gaps(gap_network["network"], today=TODAY)
    from_assessment = [need for need in analysis.needs if need.origin == "assessment"]
    assert len(from_assessment) == 5
    assert all(need.territory == jena and "von Stufe 1 auf 3" in need.title for need in from_assessment)
    assert all(need.url.startswith(f"/passend/luecke/{assessment.pk}/") for need in from_assessment)

    # A private assessment is not the network's to read.
    type(assessment).objects.filter(pk=assessment.pk).update(visibility="private")
    bulk_written(type(assessment))  # a write without signals says so (core.freshness)
    analysis = funding_gaps(gap_network["network"], today=TODAY)
    assert not [need for need in analysis.needs if need.origin == "assessment"]


def test_the_page_shows_the_tables_and_saves_a_recommendation_with_history(gap_network, client):
    network, coordinator = gap_network["network"], gap_network["coordinator"]
    client.force_login(coordinator)
    page = client.get(reverse("funding_gaps:report", args=[network.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Förderlücken nach Handlungsfeld</h2>" in html
    assert "Lückennetz, Stand " in html
    assert "je Handlungsfeld, mit Beispielen</caption>" in html
    assert "Telemedizin in Pflegeheimen" in html and "Rufbus für die Ortsteile" not in html
    edit = reverse("funding_gaps:recommendation_edit", args=[network.slug, "handlungsfeld", "gesundheit-pflege"])
    assert edit in html

    form_page = client.get(edit).content.decode()
    assert "1 Förderlücke unter 1 Bedarfen, bei 1 Mitgliedern." in form_page
    assert "München: <a" in form_page and "Telemedizin in Pflegeheimen</a>" in form_page
    response = client.post(edit, {"text": "Ein Landesprogramm Telepflege für Bayern", "revision": "0"})
    assert response.status_code == 302 and response["Location"].endswith("#handlungsfeld-gesundheit-pflege")
    stored = GapRecommendation.objects.get(network=network, grouping="handlungsfeld", key="gesundheit-pflege")
    assert (stored.text, stored.revision, stored.updated_by) == (
        "Ein Landesprogramm Telepflege für Bayern",
        1,
        coordinator,
    )
    assert (
        "Ein Landesprogramm Telepflege für Bayern"
        in client.get(reverse("funding_gaps:report", args=[network.slug])).content.decode()
    )

    # A second editor with the form of before: a conflict, nothing overwritten.
    stale = client.post(edit, {"text": "Anderer Text", "revision": "0"})
    assert stale.status_code == 200
    stored.refresh_from_db()
    assert stored.text == "Ein Landesprogramm Telepflege für Bayern"
    client.post(edit, {"text": "Telepflege auch für Bayern fördern", "revision": "1"})
    stored.refresh_from_db()
    assert (stored.text, stored.revision) == ("Telepflege auch für Bayern fördern", 2)
    assert [entry.text for entry in stored.history.order_by("history_id")] == [
        "Ein Landesprogramm Telepflege für Bayern",
        "Telepflege auch für Bayern fördern",
    ]
    assert stored.history.latest("history_id").history_user == coordinator


def test_a_recommendation_is_shown_as_text(gap_network, client):
    network = gap_network["network"]
    services.save_recommendation(
        network=network,
        grouping="handlungsfeld",
        key="verwaltung",
        text='<script>alert("x")</script>\nzweite Zeile',
        expected_revision=0,
        by=gap_network["admin"],
    )
    client.force_login(gap_network["coordinator"])
    html = client.get(reverse("funding_gaps:report", args=[network.slug])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>zweite Zeile" in html
    assert '<script>alert("x")' not in html


def test_an_unknown_group_is_not_found(gap_network, client):
    client.force_login(gap_network["coordinator"])
    slug = gap_network["network"].slug
    for grouping, key in [("handlungsfeld", "gibt-es-nicht"), ("farbe", "blau"), ("kreis", "16")]:
        url = reverse("funding_gaps:recommendation_edit", args=[slug, grouping, key])
        assert client.get(url).status_code == 404


def test_a_recommendation_written_twice_at_once_is_a_conflict(gap_network):
    network, admin = gap_network["network"], gap_network["admin"]
    services.save_recommendation(network=network, grouping="land", key="16", text="A", expected_revision=0, by=admin)
    with pytest.raises(EditConflict):
        services.save_recommendation(
            network=network, grouping="land", key="16", text="B", expected_revision=0, by=admin
        )


def test_csv_lists_every_gap(gap_network, client):
    client.force_login(gap_network["admin"])
    response = client.get(reverse("funding_gaps:export", args=[gap_network["network"].slug]))
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Mitglied;Bedarf;Herkunft;Handlungsfelder;Land;Kreis;Größenklasse")
    assert len(lines) == 3
    assert any(
        line.startswith("München;Telemedizin in Pflegeheimen;eingegeben;Gesundheit & Pflege;Bayern;München;")
        for line in lines
    )


def test_the_page_reads_in_a_fixed_number_of_queries(gap_network, client, ilmenau):
    client.force_login(gap_network["coordinator"])
    url = reverse("funding_gaps:report", args=[gap_network["network"].slug])
    client.get(url)  # catalogues read once
    _need(
        ilmenau, "Lernplattform für die Schulen", "bildung", by=gap_network["admin"]
    )  # the kept analysis is built again
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    # More needs, more members' needs of the same text (as the members' assessment gaps share the matrix's
    # texts): no more queries. (Each distinct text costs the matching one read of the project index's terms.)
    for territory in (ilmenau, gap_network["munich"], ilmenau):
        _need(territory, "Lernplattform für die Schulen", "bildung", by=gap_network["admin"])
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


def test_the_kept_analysis_follows_needs_and_recommendations_at_once(gap_network, client, page_cache, ilmenau):
    client.force_login(gap_network["coordinator"])
    network = gap_network["network"]
    url = reverse("funding_gaps:report", args=[network.slug])
    assert "Glasfaser für Gewerbegebiete" not in client.get(url).content.decode()
    _need(ilmenau, "Glasfaser für Gewerbegebiete", "infrastruktur-konnektivitaet", by=gap_network["admin"])
    assert "Glasfaser für Gewerbegebiete" in client.get(url).content.decode()  # a new need: a new analysis
    services.save_recommendation(
        network=network,
        grouping="kreis",
        key=ilmenau.kreis.code,
        text="Breitband-Lotsen",
        expected_revision=0,
        by=gap_network["admin"],
    )
    assert "Breitband-Lotsen" in client.get(url).content.decode()
    gap_network["needs"]["portal"].delete()
    assert "Bürgerportal mit Terminbuchung" not in client.get(url).content.decode()


def test_what_closes_a_fitting_programme_is_named(gap_network, jena, ilmenau):
    from smartregion.matching.batch import blocked_reason

    thuringian = FundingProgramme.objects.get(code="T-PFLEGE-TH")
    assert blocked_reason(thuringian, gap_network["munich"]) == "land"
    counties = _programme("T-KREIS", "verwaltung", description="Nur für Kreise.", applicants=["Landkreis"])
    assert blocked_reason(counties, ilmenau) == "applicant"
    small = _programme("T-KLEIN", "verwaltung", description="Für kleine Gemeinden.", population_max=5000)
    assert blocked_reason(small, jena) == "population"
    closed = _programme("T-ZU", "verwaltung", description="Geschlossen.", status="geschlossen")
    assert blocked_reason(closed, jena) == "closed"
