from datetime import date
from decimal import Decimal

import pytest

from smartregion.agendas import document, monitoring, services
from smartregion.agendas.enums import AgendaStatus, BudgetSource, Light, MeasureStatus
from smartregion.agendas.models import Measure
from smartregion.agendas.services import AgendaRefused, MeasurePlan
from smartregion.assessments import services as assessment_services
from smartregion.assessments.models import Cell
from smartregion.core.concurrency import EditConflict
from smartregion.network import services as network_services
from smartregion.territories.models import Territory

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_agenda_is_a_draft_with_a_team_discussion(agenda):
    assert agenda.status == AgendaStatus.DRAFT
    assert agenda.team_discussion is not None and agenda.team_discussion.is_open
    assert agenda.consultation is None
    assert agenda.schedule_years == [2026, 2027, 2028]


def test_target_year_before_the_schedule_is_refused(jena, editor):
    with pytest.raises(AgendaRefused):
        services.create_agenda(territory=jena, title="X", start_year=2026, target_year=2025, by=editor)


def test_measure_keeps_budgets_milestones_kpis_and_numbers_itself(agenda, make_measure):
    first = make_measure(agenda)
    second = make_measure(agenda, "LoRaWAN-Netz")
    assert (first.position, second.position) == (1, 2)
    assert {budget.year: budget.amount_eur for budget in first.budgets.all()} == {
        2026: Decimal("100000.00"),
        2027: Decimal("50000.00"),
    }
    assert [m.title for m in first.milestones.all()] == ["Ausschreibung"]
    assert [(k.name, k.baseline, k.target) for k in first.kpis.all()] == [
        ("offene Datensätze", Decimal("5.00"), Decimal("60.00"))
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"starts_on": date(2027, 1, 1), "ends_on": date(2026, 1, 1)}, "Ende"),
        ({"responsible_territory": "ilmenau"}, "Verantwortlich"),
    ],
)
def test_inconsistent_measures_are_refused_in_words(agenda, make_measure, ilmenau, change, message):
    values = {key: ilmenau if value == "ilmenau" else value for key, value in change.items()}
    with pytest.raises(AgendaRefused, match=message):
        make_measure(agenda, **values)
    assert not Measure.objects.filter(agenda=agenda).exists()


def test_dependencies_must_not_form_a_circle(agenda, make_measure, editor):
    first = make_measure(agenda, "Erste")
    second = make_measure(agenda, "Zweite", plan=MeasurePlan(depends_on=[first]))
    with pytest.raises(AgendaRefused, match="Kreis"):
        services.update_measure(
            Measure.objects.get(pk=first.pk),
            expected_revision=first.revision,
            by=editor,
            plan=MeasurePlan(depends_on=[second]),
        )
    assert list(Measure.objects.get(pk=first.pk).depends_on.all()) == []


def test_goals_of_another_agenda_are_refused(agenda, make_measure, jena, editor):
    other = services.create_agenda(territory=jena, title="Andere", start_year=2026, target_year=2030, by=editor)
    foreign_goal = services.add_goal(other, by=editor, title="Fremd", target_year=2030)
    with pytest.raises(AgendaRefused, match="Ziel"):
        make_measure(agenda, plan=MeasurePlan(goals=[foreign_goal]))


def test_alliance_members_can_be_responsible_and_their_editors_write(editor):
    admin = UserFactory(is_superuser=True)
    members = [Territory.objects.get(ags="16068014"), Territory.objects.get(ags="16068053")]
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    alliance = network_services.create_alliance_in_network(
        network, by=admin, name="Verbund", alliance_type="ile", members=members
    )
    member_editor = UserFactory()
    from smartregion.territories import roles as territory_roles

    territory_roles.grant_territory_role(user=member_editor, territory=members[0], role="editor")
    agenda = services.create_agenda(
        territory=alliance, title="Verbundagenda", start_year=2026, target_year=2030, by=member_editor
    )
    measure = services.add_measure(
        agenda, by=member_editor, title="Gemeinsames Bürgerportal", starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31), responsible_territory=members[1],
    )  # fmt: skip
    assert measure.responsible_territory == members[1]
    assert member_editor.has_perm("agendas.change_agenda", agenda)
    assert not editor.has_perm("agendas.change_agenda", agenda)  # Jena is no member


def test_status_moves_forward_step_by_step(agenda, editor):
    with pytest.raises(AgendaRefused):
        services.start_implementation(agenda, by=editor)
    services.open_consultation(agenda, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31), by=editor)
    assert agenda.status == AgendaStatus.CONSULTATION and agenda.consultation.title == agenda.title
    services.record_decision(agenda, decision_date=date(2026, 3, 5), decision_reference="BV/2026/12", by=editor)
    assert agenda.status == AgendaStatus.ADOPTED and agenda.consultation.closed_at is not None
    services.start_implementation(agenda, by=editor)
    services.complete_agenda(agenda, by=editor)
    assert agenda.status == AgendaStatus.COMPLETED
    statuses = [record.status for record in agenda.history.order_by("history_date", "history_id")]
    assert statuses[-4:] == ["beteiligung", "beschlossen", "umsetzung", "abgeschlossen"]


def test_concurrent_edits_of_a_measure_conflict_instead_of_overwriting(agenda, make_measure, editor):
    measure = make_measure(agenda)
    first = Measure.objects.get(pk=measure.pk)
    second = Measure.objects.get(pk=measure.pk)
    services.update_measure(
        first, expected_revision=measure.revision, by=editor, plan=MeasurePlan(), title="Erste Fassung"
    )
    with pytest.raises(EditConflict) as raised:
        services.update_measure(
            second, expected_revision=measure.revision, by=editor, plan=MeasurePlan(), title="Zweite Fassung"
        )
    differences = {d.name: (d.theirs, d.mine) for d in raised.value.differences}
    assert differences["title"] == ("Erste Fassung", "Zweite Fassung")
    assert Measure.objects.get(pk=measure.pk).title == "Erste Fassung"


def test_progress_reports_update_the_measure_milestones_and_kpis(agenda, make_measure, editor):
    measure = make_measure(agenda)
    milestone, kpi = measure.milestones.get(), measure.kpis.get()
    services.record_progress(
        measure, reported_on=date(2026, 7, 1), status=MeasureStatus.RUNNING, progress=40, note="läuft",
        milestones_met={milestone.pk: date(2026, 6, 28)}, kpi_values={kpi.pk: Decimal(20)}, by=editor,
    )  # fmt: skip
    services.record_progress(
        measure, reported_on=date(2026, 5, 1), status=MeasureStatus.PLANNED, progress=10, by=editor
    )
    measure.refresh_from_db()
    # The latest report by date wins, even when an older one is entered later.
    assert (measure.status, measure.progress, measure.progress_reported_on) == ("laeuft", 40, date(2026, 7, 1))
    assert measure.milestones.get().met_on == date(2026, 6, 28)
    assert [value.value for value in kpi.values.all()] == [Decimal("20.00")]


@pytest.mark.parametrize(
    ("status", "progress", "today", "light"),
    [
        (MeasureStatus.STOPPED, 50, date(2026, 8, 1), Light.RED),
        (MeasureStatus.RUNNING, 50, date(2027, 8, 1), Light.RED),  # past its end
        (MeasureStatus.DELAYED, 50, date(2026, 8, 1), Light.YELLOW),
        (MeasureStatus.RUNNING, 10, date(2027, 3, 1), Light.YELLOW),  # behind schedule (≈ 76 % of the time)
        (MeasureStatus.PLANNED, 0, date(2026, 2, 1), Light.GREY),
        (MeasureStatus.RUNNING, 60, date(2026, 5, 1), Light.GREEN),
        (MeasureStatus.DONE, 100, date(2028, 1, 1), Light.GREEN),
    ],
)
def test_traffic_light_follows_status_schedule_and_milestones(agenda, make_measure, status, progress, today, light):
    measure = make_measure(agenda, plan=MeasurePlan())
    measure.status, measure.progress = status, progress
    assert monitoring.signal(measure, today, list(measure.milestones.all())).light == light


def test_an_overdue_milestone_turns_the_light_yellow(agenda, make_measure):
    measure = make_measure(agenda)
    measure.status, measure.progress = MeasureStatus.RUNNING, 30
    signal = monitoring.signal(measure, date(2026, 7, 15), list(measure.milestones.all()))
    assert signal.light == Light.YELLOW and "Ausschreibung" in signal.reason


def test_goal_targets_start_from_the_last_cycle_and_show_the_movement(agenda, jena, editor):
    admin = UserFactory(is_superuser=True)
    first = assessment_services.start_assessment(territory=jena, cycle=2025, by=admin)
    first.answers.update(current_level=1, target_level=3)
    assessment_services.submit_assessment(assessment=first, by=admin)
    cell = Cell.objects.select_related("dimension").filter(matrix=first.matrix).order_by("pk").first()
    goal = services.add_goal(agenda, by=editor, title="Daten offen", target_year=2030)
    target = services.set_goal_target(goal, cell=cell, target_level=3, by=editor)
    assert (target.baseline_level, target.baseline_cycle) == (1, 2025)

    second = assessment_services.start_assessment(territory=jena, cycle=2026, by=admin)
    second.answers.filter(cell=cell).update(current_level=3)
    second.answers.exclude(cell=cell).update(current_level=2)
    assessment_services.submit_assessment(assessment=second, by=admin)

    doc = document.build(agenda, editor)
    view = doc.goals[0].targets[0]
    assert (view.current_level, view.current_cycle, view.moved, view.reached) == (3, 2026, 2, True)


def test_budget_summary_per_year_and_source(agenda, make_measure):
    make_measure(agenda, funding_note="Eigenmittel")
    make_measure(
        agenda,
        "Zweite",
        plan=MeasurePlan(
            budgets={(2028, BudgetSource.FUNDING): Decimal(7), (2031, BudgetSource.FOLLOW_UP): Decimal(3)}
        ),
    )
    doc = document.build(agenda, None)
    assert doc.budget.columns == ["2026", "2027", "2028", "2031"]
    assert [(row.source, row.amounts, row.total) for row in doc.budget.rows] == [
        ("foerdermittel", [0, 0, Decimal(7), 0], Decimal(7)),
        ("eigenanteil", [Decimal(100000), Decimal(50000), 0, 0], Decimal(150000)),
        ("folgekosten", [0, 0, 0, Decimal(3)], Decimal(3)),
    ]
    assert doc.budget.totals == [Decimal(100000), Decimal(50000), Decimal(7), Decimal(3)]
    assert doc.budget.total == Decimal(150010)
