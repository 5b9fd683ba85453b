"""Issue 22: shared services and cooperation. Candidates for a shared service from look-alike projects and measures
of different members (with the money their measures plan, programme-list entries left out), and per member the
partners with the same need or gap and the members that already solved it nearby; on the network dashboard and in
the white paper."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartregion.agendas import services as agenda_services
from smartregion.agendas.enums import BudgetSource, MeasureStatus
from smartregion.agendas.services import MeasurePlan
from smartregion.assessments.models import Assessment, Cell
from smartregion.needs import services as need_services
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.projects import services as project_services
from smartregion.projects.models import Project
from smartregion.reports import cooperation, sections
from smartregion.reports.network_scope import scope_of
from smartregion.reports.partners import suggestions
from smartregion.reports.shared_services import candidates
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from ..assessments.conftest import submitted
from ..factories import UserFactory

PLATFORM = "Urbane Datenplattform für Verkehrsdaten und Sensordaten aufbauen"


SENSORS = "Offene Plattform für Verkehrsdaten und Sensordaten der Stadt."


def _measure(agenda, title, domain_key, *, by, amounts=(), **fields):
    budgets = {(2026 + year, BudgetSource.OWN_SHARE): Decimal(amount) for year, amount in enumerate(amounts)}
    return agenda_services.add_measure(
        agenda,
        by=by,
        plan=MeasurePlan(domains=[Domain.objects.get(key=domain_key)], budgets=budgets),
        title=title,
        description=SENSORS,
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
        **fields,
    )


def _project(territory, title, domain_key, *, by, status="planung", publish=True, summary=SENSORS, **fields):
    project = project_services.create_project(
        by=by,
        lead_territory=territory,
        title=title,
        summary=summary,
        primary_domain=Domain.objects.get(key=domain_key),
        status=status,
        **fields,
    )
    if publish:
        project_services.publish_project(project, by=by)
    return project


@pytest.fixture
def cooperation_network(db, jena, ilmenau):
    admin = UserFactory(is_superuser=True, is_staff=True)
    erfurt = Territory.objects.get(kind="gemeinde", ags="16051000")
    gera = Territory.objects.get(kind="gemeinde", ags="16052000")
    network = network_services.create_network(name="Kooperationsnetz", slug="kooperation", by=admin)
    for member in (jena, ilmenau, erfurt, gera):
        network_services.add_member(network, member, by=admin)
    coordinator = UserFactory()
    network_roles.grant_network_role(user=coordinator, network=network)
    return {"network": network, "admin": admin, "coordinator": coordinator, "jena": jena, "ilmenau": ilmenau,
            "erfurt": erfurt, "gera": gera}  # fmt: skip


@pytest.fixture
def shared_agendas(cooperation_network):
    world, admin = cooperation_network, cooperation_network["admin"]
    jena_agenda = agenda_services.create_agenda(
        territory=world["jena"], title="Digitale Agenda Jena", start_year=2026, target_year=2030, by=admin
    )
    ilmenau_agenda = agenda_services.create_agenda(
        territory=world["ilmenau"], title="Digitale Agenda Ilmenau", start_year=2026, target_year=2030, by=admin
    )
    _measure(jena_agenda, PLATFORM, "daten-plattformen", by=admin, amounts=(250000, 50000))
    _measure(ilmenau_agenda, "Urbane Datenplattform für Sensordaten", "daten-plattformen", by=admin)
    stopped = _measure(ilmenau_agenda, "Datenplattform Verkehrsdaten Sensordaten Altstadt", "daten-plattformen",
                       by=admin, amounts=(99999,))  # fmt: skip
    stopped.status = MeasureStatus.STOPPED
    stopped.save(update_fields=["status"])
    _project(world["erfurt"], "Urbane Datenplattform Erfurt für Sensordaten", "daten-plattformen", by=admin)
    # The same words in a programme list's entry and in another Handlungsfeld: neither joins the candidate.
    _project(world["gera"], "Urbane Datenplattform Gera für Sensordaten", "daten-plattformen", by=admin,
             external_id="MPSC-2021-99")  # fmt: skip
    _project(world["gera"], "Urbane Datenplattform für Sensordaten (Bildung)", "bildung", by=admin)
    return world


def test_a_candidate_joins_look_alike_measures_and_projects_of_members_with_their_money(shared_agendas):
    found = candidates(scope_of(shared_agendas["network"]))
    assert len(found) == 1
    candidate = found[0]
    assert candidate.label == "Urbane Datenplattform Sensordaten"  # the shared words of the shortest title
    assert candidate.domain == "Daten & Plattformen"
    # Not Gera (a programme list's entry, another Handlungsfeld); Ilmenau by its measure and its real SensBee project.
    assert candidate.territories == ["Erfurt", "Ilmenau", "Jena"]
    by_name = {participant.name: participant for participant in candidate.participants}
    assert [entry.title for entry in by_name["Jena"].measures] == [PLATFORM]
    assert by_name["Jena"].money == Decimal("300000") and by_name["Jena"].money_label == "300.000 €"
    assert by_name["Ilmenau"].money is None and by_name["Ilmenau"].money_label == "keine Angabe"  # stopped: out
    assert [entry.title for entry in by_name["Erfurt"].projects] == ["Urbane Datenplattform Erfurt für Sensordaten"]
    assert by_name["Erfurt"].money_label == "keine Angabe"
    assert candidate.total == Decimal("300000") and candidate.total_label == "300.000 €"
    assert "Datenplattform" in candidate.shared_terms and "Sensordaten" in candidate.shared_terms


CEMETERY = "Friedhofsverwaltung mit digitalem Grabstellenkataster und Online-Grabauskunft."


def test_no_money_at_all_says_keine_angabe(cooperation_network):
    admin = cooperation_network["admin"]
    _project(cooperation_network["jena"], "Digitale Friedhofsverwaltung", "verwaltung", by=admin, summary=CEMETERY)
    _project(cooperation_network["gera"], "Grabstellenkataster online", "verwaltung", by=admin, summary=CEMETERY)
    (candidate,) = candidates(scope_of(cooperation_network["network"]))
    assert candidate.territories == ["Gera", "Jena"] and candidate.total is None
    assert candidate.total_label == "keine Angabe"


def test_drafts_of_members_count_drafts_of_others_do_not(cooperation_network, ilm_kreis):
    """The coordinators see their members' drafts, not those of a Gemeinde inside a member Kreis."""
    admin, network = cooperation_network["admin"], cooperation_network["network"]
    network_services.add_member(network, ilm_kreis, by=admin)
    _project(cooperation_network["jena"], "Digitale Friedhofsverwaltung", "verwaltung", by=admin, summary=CEMETERY,
             publish=False)  # fmt: skip
    arnstadt = Territory.objects.get(kind="gemeinde", ags="16070004")
    _project(arnstadt, "Grabstellenkataster online", "verwaltung", by=admin, summary=CEMETERY, publish=False)
    assert candidates(scope_of(network)) == []
    project_services.publish_project(Project.objects.get(lead_territory=arnstadt), by=admin)
    (candidate,) = candidates(scope_of(network))
    assert candidate.territories == ["Arnstadt", "Jena"]


@pytest.fixture
def partner_needs_and_gaps(cooperation_network):
    world, admin = cooperation_network, cooperation_network["admin"]
    mobility, health = Domain.objects.get(key="mobilitaet"), Domain.objects.get(key="gesundheit-pflege")
    for member, title in ((world["jena"], "Rufbus für die Ortsteile am Abend"),
                          (world["gera"], "Rufbus am Abend in die Ortsteile digital buchen")):  # fmt: skip
        need_services.create_need(territory=member, by=admin, title=title, domains=[mobility])
    need_services.create_need(territory=world["ilmenau"], by=admin, title="Pflege digital", domains=[health])
    # A gap Jena and Erfurt share in assessments shared with the networks; Ilmenau's private one says nothing.
    cell = Cell.objects.select_related("domain").filter(domain__key="laendlicher-raum").order_by("pk").first()
    for member, visibility in ((world["jena"], "networks"), (world["erfurt"], "public"), (world["ilmenau"], "private")):
        assessment = submitted(member, by=admin, visibility=visibility)
        Assessment.objects.filter(pk=assessment.pk).update(gap_cells=[cell.pk])
    private = Assessment.objects.get(territory=world["ilmenau"])
    need_services.record_gaps(
        territory=world["ilmenau"],
        gaps=[need_services.GapNeed(key=cell.gap_key, title="Lücke", description="", domain_ids=[cell.domain_id])],
        origin_ref=f"assessment:{private.pk}",
        origin_url="",
        is_public=False,
        by=admin,
    )
    # Solved nearby: Erfurt and Gera run a mobility project; Ilmenau's is still planned.
    for member in (world["erfurt"], world["gera"], world["ilmenau"]):
        _project(member, f"Rufbus {member.short_name}", "mobilitaet", by=admin, summary="Rufbus per App buchen.",
                 status="planung" if member == world["ilmenau"] else "betrieb")  # fmt: skip
    world["cell_label"] = f"{cell.domain.label} – {cell.dimension.label}"
    return world


def test_partners_share_a_need_in_their_words_or_a_shared_gap_and_solvers_are_nearest_first(partner_needs_and_gaps):
    found = {item.member: item for item in suggestions(scope_of(partner_needs_and_gaps["network"]))}
    assert set(found) == {"Jena", "Gera", "Erfurt", "Ilmenau"}
    jena = found["Jena"]
    assert jena.topics == ["Rufbus für die Ortsteile am Abend", partner_needs_and_gaps["cell_label"]]
    # Gera: the alike need (6) + Mobilität (1); Erfurt: the cell (3) + its Handlungsfeld (1). Ilmenau's gap is private.
    assert [(partner.name, partner.score) for partner in jena.partners] == [("Gera", 7), ("Erfurt", 4)]
    assert jena.partners[0].shared == ["Rufbus für die Ortsteile am Abend", "Mobilität & Verkehr"]
    assert round(jena.partners[0].distance_km) == 35  # Jena – Gera
    # Who runs a mobility project, nearest first; Ilmenau's is only planned.
    assert [(solver.name, solver.project) for solver in jena.solvers] == [
        ("Gera", "Rufbus Gera"),
        ("Erfurt", "Rufbus Erfurt"),
    ]
    assert jena.solvers[0].distance_km < jena.solvers[1].distance_km
    assert [partner.name for partner in found["Ilmenau"].partners] == []  # its need (Pflege) nobody shares
    assert found["Ilmenau"].topics == ["Pflege digital"]
    assert all(solver.name != "Gera" for solver in found["Gera"].solvers)  # never itself


def test_the_reads_do_not_grow_with_the_network(partner_needs_and_gaps, shared_agendas):
    network = partner_needs_and_gaps["network"]

    def reads() -> int:
        with CaptureQueriesContext(connection) as queries:
            cooperation._build(network)
        return len(queries.captured_queries)

    before = reads()
    admin = partner_needs_and_gaps["admin"]
    others = Territory.objects.filter(kind="gemeinde", land__ars="16").exclude(network_memberships__network=network)
    for member in others.order_by("pk")[:4]:  # more members, each with a need and a running project
        network_services.add_member(network, member, by=admin)
        need_services.create_need(territory=member, by=admin, title="Rufbus am Abend",
                                  domains=[Domain.objects.get(key="mobilitaet")])  # fmt: skip
        _project(member, f"Rufbus {member.short_name}", "mobilitaet", by=admin, status="betrieb",
                 summary="Rufbus per App buchen.")  # fmt: skip
    assert network.members.count() == 8
    assert reads() == before == 14


def test_the_dashboard_shows_candidates_and_partners_to_its_coordinators(
    client, shared_agendas, partner_needs_and_gaps
):
    network = shared_agendas["network"]
    client.force_login(shared_agendas["coordinator"])
    html = client.get(reverse("assessments:dashboard", args=[network.slug])).content.decode()
    assert "Kandidaten für gemeinsame Dienste" in html and "Urbane Datenplattform" in html
    assert "300.000 €" in html and "keine Angabe" in html
    assert "Partner für jedes Mitglied" in html and "Rufbus für die Ortsteile am Abend" in html
    assert "Urbane Datenplattform Gera für Sensordaten" not in html  # a programme list's entry


def test_the_section_is_for_coordinators_only(cooperation_network):
    request = RequestFactory().get("/")
    request.user = UserFactory()
    assert sections.dashboard_cooperation(request, cooperation_network["network"]) is None
    request.user = cooperation_network["coordinator"]
    assert sections.dashboard_cooperation(request, cooperation_network["network"]).key == "cooperation"


def test_the_white_paper_names_candidates_with_money_and_partners(client, shared_agendas, partner_needs_and_gaps):
    network = shared_agendas["network"]
    client.force_login(shared_agendas["coordinator"])
    html = client.get(reverse("reports:whitepaper", args=[network.slug])).content.decode()
    assert "Maßnahme: " + PLATFORM in html and "300.000 €" in html
    assert "Partner je Mitglied" in html and "Gera (Rufbus für die Ortsteile am Abend)" in html
    # The DOCX carries the same: a table per candidate with the money, and the partners per member.
    import io

    import docx

    word = client.get(reverse("reports:whitepaper_docx", args=[network.slug]))
    cells = {
        cell.text
        for table in docx.Document(io.BytesIO(word.content)).tables
        for row in table.rows
        for cell in row.cells
    }
    assert "300.000 €" in cells and any(PLATFORM in text for text in cells)
    assert any("Gera" in text for text in cells)
