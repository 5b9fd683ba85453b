"""Measures a council can pass: budgets per year and source with exact totals, eligible programmes first,
warnings about a programme's period, the Beschlussvorschlag, catalog projects found by search."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from smartregion.agendas import document, financing, queries, services
from smartregion.agendas.enums import AgendaStatus, BudgetSource
from smartregion.agendas.models import Agenda, Measure, MeasureBudget
from smartregion.agendas.services import AgendaRefused, MeasurePlan
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.network import services as network_services
from smartregion.projects.enums import Publication
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

FUNDING, OWN, FOLLOW_UP = BudgetSource.FUNDING, BudgetSource.OWN_SHARE, BudgetSource.FOLLOW_UP
TODAY = date(2026, 3, 1)


def _programme(code="T-1", **values) -> FundingProgramme:
    defaults = {"name": f"Programm {code}", "level": "Bund", "applicants": ["Gemeinde", "Stadt"], "status": "offen"}
    return FundingProgramme.objects.create(code=code, **{**defaults, **values})


def _plan(**budgets) -> MeasurePlan:
    """_plan(f2026=…, e2026=…, k2028=…): Fördermittel, Eigenanteil, Folgekosten per year."""
    source = {"f": FUNDING, "e": OWN, "k": FOLLOW_UP}
    return MeasurePlan(budgets={(int(key[1:]), source[key[0]]): Decimal(value) for key, value in budgets.items()})


def _cells(measure) -> dict:
    return {(row.year, row.source): row.amount_eur for row in MeasureBudget.objects.filter(measure=measure)}


# --- Service: budgets per year and source -----------------------------------------------------------------


def test_budgets_are_stored_per_year_and_source_and_cleared_by_empty_cells(agenda, make_measure, editor):
    measure = make_measure(agenda, plan=_plan(f2026="80000", e2026="20000", e2027="5000", k2028="1200.50"))
    assert _cells(measure) == {
        (2026, "foerdermittel"): Decimal("80000"),
        (2026, "eigenanteil"): Decimal("20000"),
        (2027, "eigenanteil"): Decimal("5000"),
        (2028, "folgekosten"): Decimal("1200.50"),
    }
    services.update_measure(
        measure, expected_revision=measure.revision, by=editor,
        plan=MeasurePlan(budgets={(2026, FUNDING): Decimal("70000"), (2027, OWN): None, (2028, FOLLOW_UP): Decimal(0)}),
    )  # fmt: skip
    assert _cells(measure) == {(2026, "foerdermittel"): Decimal("70000"), (2026, "eigenanteil"): Decimal("20000")}


def test_a_budget_needs_a_known_source_and_no_negative_amount(agenda, make_measure):
    with pytest.raises(AgendaRefused, match="Quelle"):
        make_measure(agenda, plan=MeasurePlan(budgets={2026: Decimal(5)}))
    with pytest.raises(AgendaRefused, match="Quelle"):
        make_measure(agenda, plan=MeasurePlan(budgets={(2026, "spende"): Decimal(5)}))
    with pytest.raises(AgendaRefused, match="Folgekosten 2027 ist negativ"):
        make_measure(agenda, plan=MeasurePlan(budgets={(2027, FOLLOW_UP): Decimal(-1)}))
    assert not Measure.objects.filter(agenda=agenda).exists()


def test_financing_totals_per_year_per_source_and_per_measure_are_exact(agenda, make_measure):
    make_measure(agenda, "Plattform", plan=_plan(f2026="80000", e2026="20000.40", e2027="5000", k2029="1200"))
    make_measure(agenda, "Sensoren", plan=_plan(f2027="45000", e2027="15000", k2028="3000.10"))
    doc = document.build(agenda, None)
    table = doc.financing
    assert table.years == [2026, 2027, 2028, 2029]  # the schedule's three years and any other with money
    assert [(row.year, row.sums.cells, row.sums.total) for row in table.rows] == [
        (2026, [Decimal("80000"), Decimal("20000.40"), 0], Decimal("100000.40")),
        (2027, [Decimal("45000"), Decimal("20000"), 0], Decimal("65000")),
        (2028, [0, 0, Decimal("3000.10")], Decimal("3000.10")),
        (2029, [0, 0, Decimal("1200")], Decimal("1200")),
    ]
    assert table.totals.cells == [Decimal("125000"), Decimal("40000.40"), Decimal("4200.10")]
    assert table.totals.total == Decimal("169200.50")
    assert [(view.measure.title, view.sums.cells, view.total) for view in doc.measures] == [
        ("Plattform", [Decimal("80000"), Decimal("25000.40"), Decimal("1200")], Decimal("106200.40")),
        ("Sensoren", [Decimal("45000"), Decimal("15000"), Decimal("3000.10")], Decimal("63000.10")),
    ]
    assert doc.measures[0].budgets == {2026: Decimal("100000.40"), 2027: Decimal("5000"), 2029: Decimal("1200")}


# --- Beschlussvorschlag ---------------------------------------------------------------------------------------


def test_the_generated_resolution_names_the_council_measures_and_every_total(agenda, make_measure, editor):
    make_measure(agenda, "Plattform", plan=_plan(f2026="80000", e2026="20000", k2028="1200"))
    make_measure(agenda, "Sensoren", plan=_plan(e2027="15000"))
    resolution = document.build(agenda, None).resolution
    assert resolution.generated
    assert resolution.paragraphs == [
        "Der Stadtrat beschließt das Digitalisierungskonzept „Digitale Agenda Jena“ für die Jahre 2026 bis 2028 "
        "mit 2 Maßnahmen (M1 Plattform; M2 Sensoren).",
        "Das Gesamtvolumen beträgt 116.200 €, davon 80.000 € Fördermittel, 35.000 € Eigenanteil und 1.200 € "
        "Folgekosten nach Projektende (siehe Finanzierungstabelle).",
        "Die Verwaltung wird beauftragt, die Fördermittel zu beantragen, Eigenanteil und Folgekosten in der "
        "Haushaltsplanung zu berücksichtigen und dem Stadtrat jährlich über den Stand der Umsetzung zu berichten.",
    ]
    services.update_agenda(agenda, expected_revision=agenda.revision, by=editor, resolution="  Eigener Text.  ")
    resolution = document.build(Agenda.objects.get(pk=agenda.pk), None).resolution
    assert (resolution.text, resolution.generated) == ("Eigener Text.", False)


def test_a_kreis_agenda_is_passed_by_the_kreistag(ilm_kreis, editor):
    agenda = services.create_agenda(
        territory=ilm_kreis, title="Kreisagenda", start_year=2026, target_year=2030, by=editor
    )
    assert document.generated_resolution(agenda).startswith("Der Kreistag beschließt das Digitalisierungskonzept")


def test_the_agenda_form_starts_from_the_generated_text_and_keeps_it_generated_when_unchanged(
    client, agenda, editor, make_measure
):
    make_measure(agenda, "Plattform")
    client.force_login(editor)
    url = reverse("agendas:edit", args=[agenda.pk])
    form = client.get(url).context["form"]
    generated = document.generated_resolution(agenda)
    assert form["resolution"].value() == generated and "150.000 €" in generated
    data = {"title": agenda.title, "start_year": 2026, "target_year": 2030, "challenges": "", "vision": ""}
    client.post(url, {**data, "resolution": generated.replace("\n\n", "\r\n\r\n"), "revision": agenda.revision})
    agenda.refresh_from_db()
    assert agenda.resolution == ""
    client.post(url, {**data, "resolution": "Der Stadtrat beschließt.", "revision": agenda.revision})
    agenda.refresh_from_db()
    assert agenda.resolution == "Der Stadtrat beschließt."
    page = client.get(reverse("agendas:detail", args=[agenda.pk])).content.decode()
    assert "Beschlussvorschlag" in page and "Der Stadtrat beschließt." in page and "Eigener Text der Redaktion" in page


# --- Warnings about the programme -----------------------------------------------------------------------------


def _warnings(programme, *, starts_on=date(2026, 3, 1), ends_on=date(2027, 6, 30), status=AgendaStatus.DRAFT,
              funding="0", own="0"):  # fmt: skip
    sums = financing.SourceAmounts()
    sums.add(FUNDING, Decimal(funding))
    sums.add(OWN, Decimal(own))
    return financing.funding_warnings(
        programme=programme, starts_on=starts_on, ends_on=ends_on, sums=sums, agenda_status=status, today=TODAY
    )


def test_warnings_when_a_measure_runs_past_or_starts_before_the_programme():
    programme = _programme(valid_from=date(2026, 6, 1), valid_until=date(2026, 12, 31))
    assert _warnings(programme) == [
        "Die Maßnahme endet am 30.06.2027, das Förderprogramm „Programm T-1“ gilt nur bis 31.12.2026.",
        "Die Maßnahme beginnt am 01.03.2026, das Förderprogramm „Programm T-1“ erst am 01.06.2026.",
    ]
    assert _warnings(programme, starts_on=date(2026, 6, 1), ends_on=date(2026, 12, 31)) == []


def test_a_closed_programme_is_a_warning_while_the_agenda_is_written_not_once_it_is_adopted():
    closed = _programme(status="geschlossen")
    assert _warnings(closed) == ["Das Förderprogramm „Programm T-1“ ist als geschlossen gemeldet."]
    assert _warnings(closed, status=AgendaStatus.IMPLEMENTING) == []
    expired = _programme("T-2", valid_until=date(2025, 12, 31))
    assert _warnings(expired, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 1)) == [
        "Das Förderprogramm „Programm T-2“ ist am 31.12.2025 ausgelaufen."
    ]


def test_funding_above_the_rate_or_the_maximum_and_funding_without_programme_are_warnings():
    programme = _programme(max_rate_percent=80, max_amount_eur=50_000)
    assert _warnings(programme, funding="90000", own="10000") == [
        "Die Fördermittel sind 90 % der Projektkosten (Fördermittel und Eigenanteil); „Programm T-1“ fördert "
        "höchstens 80 %.",
        "Die Fördermittel (90.000 €) übersteigen den Höchstbetrag von „Programm T-1“ (50.000 €).",
    ]
    assert _warnings(programme, funding="40000", own="10000") == []
    assert _warnings(None, funding="1") == ["Fördermittel sind eingetragen, aber kein Förderprogramm ist gewählt."]


# --- The funding select -----------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    thuringia, bavaria = Territory.objects.get(kind="land", ars="16"), Territory.objects.get(kind="land", ars="09")
    fitting = _programme("P-1", name="Digitales Thüringen", level="Land", land=thuringia)
    _programme("P-2", name="Bayerisches Programm", level="Land", land=bavaria)
    _programme("P-3", name="Nur Landkreise", applicants=["Landkreis"])
    expired = _programme("P-4", name="Abgelaufenes Programm", valid_until=date(2020, 12, 31), status="geschlossen")
    Deadline.objects.create(programme=expired, closes_on=date(2020, 6, 30))
    return fitting


def test_eligible_programmes_come_first_and_the_others_carry_their_reason(catalogue, jena):
    programmes, deadlines = queries.funding_programmes()
    options = financing.programme_options(programmes, deadlines, [jena], today=TODAY)
    assert [(str(option.programme), option.eligible, option.reason) for option in options] == [
        ("Digitales Thüringen", True, "als offen gemeldet (Quelle ohne Datum)"),
        ("Abgelaufenes Programm", False, "Programm ausgelaufen am 31.12.2020"),
        ("Bayerisches Programm", False, "nur für Antragsteller in Bayern"),
        ("Nur Landkreise", False, "antragsberechtigt: Landkreis"),
    ]


def test_an_alliance_may_use_a_programme_through_a_member(catalogue):
    admin = UserFactory(is_superuser=True)
    members = [Territory.objects.get(ags="16068014"), Territory.objects.get(ags="16068053")]
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    alliance = network_services.create_alliance_in_network(
        network, by=admin, name="Verbund Mitte", alliance_type="ile", members=members
    )
    programmes, deadlines = queries.funding_programmes()
    options = {str(o.programme): o for o in financing.programme_options(programmes, deadlines, [alliance, *members],
                                                                         today=TODAY)}  # fmt: skip
    fitting = options["Digitales Thüringen"]
    assert fitting.eligible and fitting.reason.startswith(f"über {members[0].name};")
    assert not options["Bayerisches Programm"].eligible


def test_the_select_offers_eligible_programmes_and_the_others_on_request(client, agenda, editor, catalogue):
    client.force_login(editor)
    url = reverse("agendas:measure_create", args=[agenda.pk])
    html = client.get(url).content.decode()
    assert '<optgroup label="Passend für Jena, Stadt">' in html
    assert "Digitales Thüringen" in html and "Bayerisches Programm" not in html
    assert "auch andere zeigen (3 nicht passende Programme, jeweils mit Grund)" in html
    html = client.get(url + "?alle=1").content.decode()
    assert html.index("Passend für Jena, Stadt") < html.index("Weitere Programme, nicht passend für Jena, Stadt")
    assert "Bayerisches Programm – nicht passend: nur für Antragsteller in Bayern" in html
    assert "Nur Landkreise – nicht passend: antragsberechtigt: Landkreis" in html
    assert (
        html.count('<select name="funding_programme"') == 1
        and '<label class="kern-label" for="id_funding_programme"' in html
    )


def _measure_data(**values) -> dict:
    data = {
        "title": "Parksensoren",
        "starts_on": "2026-04-01",
        "ends_on": "2028-03-31",
        "meilenstein-TOTAL_FORMS": "0",
        "meilenstein-INITIAL_FORMS": "0",
        "kennzahl-TOTAL_FORMS": "0",
        "kennzahl-INITIAL_FORMS": "0",
        "revision": "",
    }
    return {**data, **values}


def test_saving_with_a_programme_that_ends_earlier_warns_but_saves(client, agenda, editor, catalogue):
    catalogue.valid_until = date(2027, 12, 31)
    catalogue.save()
    client.force_login(editor)
    response = client.post(
        reverse("agendas:measure_create", args=[agenda.pk]),
        _measure_data(
            funding_programme=catalogue.pk, budget_2026_foerdermittel="10.000", budget_2026_eigenanteil="2.500"
        ),
        follow=True,
    )
    measure = Measure.objects.get(agenda=agenda)
    assert measure.funding_programme == catalogue
    html = response.content.decode()
    assert "Maßnahme gespeichert. Bitte beachten Sie die Hinweise zur Förderung." in html
    assert "Die Maßnahme endet am 31.03.2028, das Förderprogramm „Digitales Thüringen“ gilt nur bis 31.12.2027." in html
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Hinweise zur Förderung" in page and "gilt nur bis 31.12.2027" in page
    assert "12.500" in page and "10.000" in page and "2.500" in page  # the financing table of the measure


def test_a_programme_the_territory_is_not_eligible_for_can_still_be_chosen(client, agenda, editor, catalogue):
    bavarian = FundingProgramme.objects.get(code="P-2")
    client.force_login(editor)
    response = client.post(
        reverse("agendas:measure_create", args=[agenda.pk]), _measure_data(funding_programme=bavarian.pk)
    )
    assert response.status_code == 302
    form = client.get(reverse("agendas:measure_edit", args=[agenda.pk, Measure.objects.get().pk])).context["form"]
    assert form.showing_all  # the chosen programme stays visible with its reason


# --- Catalog projects by search ----------------------------------------------------------------------------------


@pytest.fixture
def projects(jena, ilmenau):
    from smartregion.projects import services as project_services

    author = UserFactory()
    stranger = UserFactory()
    territory_roles.grant_territory_role(user=stranger, territory=ilmenau, role="editor")

    def project(title, territory, publication, by):
        created = project_services.create_project(
            by=by, title=title, summary=f"{title}: Sensoren im Stadtgebiet", lead_territory=territory,
            primary_domain=Domain.objects.get(key="mobilitaet"),
        )  # fmt: skip
        if publication == Publication.PUBLISHED:
            project_services.publish_project(created, by=by)
        return created

    territory_roles.grant_territory_role(user=author, territory=jena, role="editor")
    return {
        "published": project("Quokkanetz Stadt", ilmenau, Publication.PUBLISHED, stranger),
        "own_draft": project("Quokkanetz Entwurf Jena", jena, Publication.DRAFT, author),
        "foreign_draft": project("Quokkanetz Entwurf Ilmenau", ilmenau, Publication.DRAFT, stranger),
    }


def test_the_search_offers_published_projects_and_own_drafts_only(client, agenda, editor, projects):
    client.force_login(editor)
    url = reverse("agendas:measure_create", args=[agenda.pk])
    response = client.get(url, {"adopted_query": "Quokkanetz"})
    choices = [label for value, label in response.context["form"].fields["adopted_from"].choices if value]
    assert sorted(choices) == sorted(
        [
            f"Quokkanetz Stadt – Ilmenau, Stadt (Nr. {projects['published'].pk})",
            f"Quokkanetz Entwurf Jena – Jena, Stadt (Nr. {projects['own_draft'].pk}) (Entwurf)",
        ]
    )
    html = response.content.decode()
    assert 'id="adopted-results"' in html and 'hx-select="#adopted-results"' in html
    assert "Quokkanetz Entwurf Ilmenau" not in html
    number = client.get(url, {"adopted_query": f"/projekte/{projects['published'].pk}/"}).context["form"]
    assert [project.pk for project in number.adoption_results] == [projects["published"].pk]


def test_choosing_a_search_result_links_the_project(client, agenda, editor, projects):
    client.force_login(editor)
    url = reverse("agendas:measure_create", args=[agenda.pk])
    # Without JavaScript the results appear when saving: a search without a choice asks to choose.
    response = client.post(url, _measure_data(adopted_query="Quokkanetz Stadt"))
    assert response.status_code == 200 and not Measure.objects.exists()
    assert "Wählen Sie eines der gefundenen Projekte" in response.content.decode()
    assert f"Quokkanetz Stadt – Ilmenau, Stadt (Nr. {projects['published'].pk})" in response.content.decode()
    response = client.post(url, _measure_data(adopted_query="Quokkanetz Stadt", adopted_from=projects["published"].pk))
    assert response.status_code == 302
    assert Measure.objects.get().adopted_from == projects["published"]
    nothing = client.post(url, _measure_data(adopted_query="Raumfahrtbahnhof"))
    assert "Im Katalog ist kein Projekt zu „Raumfahrtbahnhof“ zu finden." in nothing.content.decode()


def test_another_territorys_draft_is_refused_by_form_and_service(client, agenda, editor, projects):
    client.force_login(editor)
    response = client.post(
        reverse("agendas:measure_create", args=[agenda.pk]), _measure_data(adopted_from=projects["foreign_draft"].pk)
    )
    assert response.status_code == 200 and not Measure.objects.exists()
    with pytest.raises(AgendaRefused, match="veröffentlichtes Projekt"):
        services.add_measure(
            agenda, by=editor, title="X", starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1),
            adopted_from=projects["foreign_draft"],
        )  # fmt: skip
    measure = services.add_measure(
        agenda, by=editor, title="Y", starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1),
        adopted_from=projects["own_draft"],
    )  # fmt: skip
    assert Project.objects.get(pk=measure.adopted_from_id).title == "Quokkanetz Entwurf Jena"
