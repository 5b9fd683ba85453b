"""Writes of agendas: the parts, the measures, the status from draft to completion, monitoring.

Keyword-only, atomic, every change recorded in the history with its author (`_history_user`).
Edits of an agenda, a concept, an actor, a goal or a measure carry the revision they were made
on; a stale revision raises EditConflict (both versions are shown, nothing is lost).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from smartregion.assessments.enums import AssessmentStatus
from smartregion.assessments.models import Answer
from smartregion.core.attachments import UploadRefused, check_document
from smartregion.core.concurrency import save_revision
from smartregion.core.refusals import Refused
from smartregion.participation import services as participation
from smartregion.participation.enums import ConsultationKind, Phase
from smartregion.projects.models import Project
from smartregion.territories.models import AllianceMember

from .enums import NEXT_STATUS, AgendaStatus, BudgetSource, MeasureStatus
from .models import (
    Agenda,
    AgendaActor,
    ExistingConcept,
    Goal,
    GoalTarget,
    Kpi,
    KpiValue,
    Measure,
    MeasureBudget,
    Milestone,
    ProgressUpdate,
)
from .rules import adoptable_condition

AGENDA_FIELDS = ["title", "start_year", "target_year", "challenges", "vision", "resolution"]
CONCEPT_FIELDS = ["kind", "title", "year", "summary", "url"]
ACTOR_FIELDS = ["actor", "name", "organisation", "sector", "role"]
GOAL_FIELDS = ["title", "description", "target_year"]
MEASURE_FIELDS = [
    "title",
    "description",
    "responsible_actor",
    "responsible_territory",
    "partners",
    "starts_on",
    "ends_on",
    "funding_programme",
    "funding_note",
    "adopted_from",
]


class AgendaRefused(Refused):
    """A write that would make the agenda inconsistent; the message says why, in words."""


def _saved(instance, by):
    instance._history_user = by
    instance.save()
    return instance


# --- The agenda --------------------------------------------------------------------------------


@transaction.atomic
def create_agenda(*, territory, title: str, start_year: int, target_year: int, by, is_example=False) -> Agenda:
    if target_year < start_year:
        raise AgendaRefused(_("Das Zieljahr liegt vor dem ersten Jahr des Zeitplans."))
    team = participation.create_consultation(kind=ConsultationKind.TEAM, title=title, by=by)
    agenda = Agenda(
        territory=territory,
        title=title,
        start_year=start_year,
        target_year=target_year,
        team_discussion=team,
        created_by=by,
        is_example=is_example,
    )
    return _saved(agenda, by)


@transaction.atomic
def update_agenda(agenda: Agenda, *, expected_revision: int, by, **fields) -> Agenda:
    start_year = fields.get("start_year", agenda.start_year)
    if fields.get("target_year", agenda.target_year) < start_year:
        raise AgendaRefused(_("Das Zieljahr liegt vor dem ersten Jahr des Zeitplans."))
    for name, value in fields.items():
        setattr(agenda, name, value)
    agenda._history_user = by
    return save_revision(agenda, expected_revision=expected_revision, fields=list(fields))


def delete_agenda(agenda: Agenda, *, by) -> None:
    agenda._history_user = by
    agenda.delete()


def _advance(agenda: Agenda, expected: str, *, by, **fields) -> Agenda:
    if agenda.status != expected:
        raise AgendaRefused(
            _("Dieser Schritt ist im Status „%(status)s“ nicht möglich.") % {"status": agenda.get_status_display()}
        )
    agenda.status = NEXT_STATUS[expected]
    for name, value in fields.items():
        setattr(agenda, name, value)
    agenda.revision += 1
    agenda._history_user = by
    agenda.save()
    return agenda


@transaction.atomic
def open_consultation(agenda: Agenda, *, starts_on: date, ends_on: date, by) -> Agenda:
    """Entwurf → Beteiligung: the agenda becomes public; signed-up people comment between the dates."""
    if ends_on < starts_on:
        raise AgendaRefused(_("Das Ende der Beteiligung liegt vor ihrem Beginn."))
    consultation = participation.create_consultation(
        kind=ConsultationKind.PUBLIC, title=agenda.title, starts_on=starts_on, ends_on=ends_on, by=by
    )
    return _advance(agenda, AgendaStatus.DRAFT, by=by, consultation=consultation)


def close_consultation(agenda: Agenda, *, by) -> Agenda:
    if agenda.consultation is None:
        raise AgendaRefused(_("Es gibt keine Beteiligung zu beenden."))
    participation.close_consultation(agenda.consultation, by=by)
    return agenda


def _check_decision_after_consultation(agenda: Agenda, decision_date: date) -> None:
    """The council decides on what the consultation produced: after its end, dated on or after its last day."""
    consultation = agenda.consultation
    if consultation is None:
        return
    if consultation.phase() != Phase.CLOSED:
        raise AgendaRefused(
            _(
                "Den Ratsbeschluss erfassen Sie, wenn die Beteiligung beendet ist (sie läuft bis zum %(end)s). "
                "Entscheidet der Rat früher, beenden Sie die Beteiligung vorher."
            )
            % {"end": date_format(consultation.ends_on, "SHORT_DATE_FORMAT") if consultation.ends_on else "–"}
        )
    if consultation.ends_on and decision_date < consultation.ends_on:
        raise AgendaRefused(
            _("Der Ratsbeschluss kann nicht vor dem Ende der Beteiligung am %(end)s liegen.")
            % {"end": date_format(consultation.ends_on, "SHORT_DATE_FORMAT")}
        )


@transaction.atomic
def record_decision(agenda: Agenda, *, decision_date: date, decision_reference: str, by) -> Agenda:
    """Beteiligung → Beschlossen (the council's decision): only once the consultation has ended (by its date
    or by hand), and not dated before its end."""
    if agenda.status == AgendaStatus.CONSULTATION:
        _check_decision_after_consultation(agenda, decision_date)
    if agenda.consultation is not None:
        participation.close_consultation(agenda.consultation, by=by)  # ended by its date: recorded as closed
    return _advance(
        agenda,
        AgendaStatus.CONSULTATION,
        by=by,
        decision_date=decision_date,
        decision_reference=decision_reference.strip(),
    )


def start_implementation(agenda: Agenda, *, by) -> Agenda:
    return _advance(agenda, AgendaStatus.ADOPTED, by=by)


def complete_agenda(agenda: Agenda, *, by) -> Agenda:
    return _advance(agenda, AgendaStatus.IMPLEMENTING, by=by)


# --- Ausgangslage: existing concepts -------------------------------------------------------------


def _checked_document(upload):
    if upload is None:
        return None
    try:
        return check_document(upload.read(), upload.name)
    except UploadRefused as error:
        raise AgendaRefused(str(error)) from None


@transaction.atomic
def add_concept(agenda: Agenda, *, by, document=None, **fields) -> ExistingConcept:
    concept = ExistingConcept(agenda=agenda, **fields)
    checked = _checked_document(document)
    if checked is not None:
        concept.document.save(checked.content.name, checked.content, save=False)
        concept.document_type = checked.content_type
    return _saved(concept, by)


@transaction.atomic
def update_concept(concept: ExistingConcept, *, expected_revision: int, by, document=None, **fields):
    for name, value in fields.items():
        setattr(concept, name, value)
    checked = _checked_document(document)
    changed = list(fields)
    if checked is not None:
        concept.document.save(checked.content.name, checked.content, save=False)
        concept.document_type = checked.content_type
        changed += ["document", "document_type"]
    concept._history_user = by
    return save_revision(concept, expected_revision=expected_revision, fields=changed)


def remove(part, *, by) -> None:
    """Remove a concept, an actor, a goal or a goal target (the history keeps the removed state)."""
    part._history_user = by
    part.delete()


# --- Akteure -------------------------------------------------------------------------------------


def _check_actor(fields: dict) -> None:
    if fields.get("actor") is None and not (fields.get("name") or "").strip():
        raise AgendaRefused(_("Wählen Sie einen Akteur aus dem Experten-Forum oder geben Sie einen Namen ein."))


def add_actor(agenda: Agenda, *, by, **fields) -> AgendaActor:
    _check_actor(fields)
    return _saved(AgendaActor(agenda=agenda, **fields), by)


def update_actor(agenda_actor: AgendaActor, *, expected_revision: int, by, **fields) -> AgendaActor:
    _check_actor({**{name: getattr(agenda_actor, name) for name in ACTOR_FIELDS}, **fields})
    for name, value in fields.items():
        setattr(agenda_actor, name, value)
    agenda_actor._history_user = by
    return save_revision(agenda_actor, expected_revision=expected_revision, fields=list(fields))


# --- Vision und Ziele -----------------------------------------------------------------------------


def _next_position(queryset) -> int:
    return (queryset.aggregate(highest=Max("position"))["highest"] or 0) + 1


def add_goal(agenda: Agenda, *, by, **fields) -> Goal:
    return _saved(Goal(agenda=agenda, position=_next_position(agenda.goals.all()), **fields), by)


def update_goal(goal: Goal, *, expected_revision: int, by, **fields) -> Goal:
    for name, value in fields.items():
        setattr(goal, name, value)
    goal._history_user = by
    return save_revision(goal, expected_revision=expected_revision, fields=list(fields))


def _baseline(territory, cell):
    """(level, cycle) of the cell in the territory's latest submitted assessment, by field and dimension."""
    answer = (
        Answer.objects.filter(
            assessment__territory=territory,
            assessment__status=AssessmentStatus.SUBMITTED,
            assessment__deleted_at__isnull=True,
            cell__domain_id=cell.domain_id,
            cell__dimension__key=cell.dimension.key,
        )
        .select_related("assessment")
        .order_by("-assessment__cycle")
        .first()
    )
    if answer is None or answer.not_relevant:
        return None, answer.assessment.cycle if answer else None
    return answer.current_level, answer.assessment.cycle


@transaction.atomic
def set_goal_target(goal: Goal, *, cell, target_level: int, by) -> GoalTarget:
    if not 0 <= target_level <= 4:
        raise AgendaRefused(_("Die Zielstufe liegt zwischen 0 und 4."))
    baseline_level, baseline_cycle = _baseline(goal.agenda.territory, cell)
    target = GoalTarget.objects.filter(goal=goal, cell=cell).first() or GoalTarget(goal=goal, cell=cell)
    target.target_level = target_level
    if target.pk is None:
        target.baseline_level, target.baseline_cycle = baseline_level, baseline_cycle
    return _saved(target, by)


# --- Maßnahmen -------------------------------------------------------------------------------------


@dataclass
class MeasurePlan:
    """What a measure form delivers beyond the measure's own fields."""

    goals: list = field(default_factory=list)
    domains: list = field(default_factory=list)
    depends_on: list = field(default_factory=list)
    # (year, BudgetSource) → Decimal: Fördermittel, Eigenanteil or Folgekosten of that year (None or 0 removes it;
    # cells not named stay as they are)
    budgets: dict = field(default_factory=dict)
    milestones: list = field(default_factory=list)  # dicts: id?, title, due_on, delete?
    kpis: list = field(default_factory=list)  # dicts: id?, name, unit, baseline, target, delete?
    recommendations: list | None = None  # Empfehlungen of the Werkzeugkasten the measure follows


def _allowed_territory_ids(agenda: Agenda) -> set[int]:
    ids = {agenda.territory_id}
    if agenda.territory.is_alliance:
        ids |= set(AllianceMember.objects.filter(alliance=agenda.territory).values_list("member_id", flat=True))
    return ids


def _check_adoption(measure: Measure, by) -> None:
    """A measure adopts a published catalog project or a draft of the writer's own (the same rule as the
    form's search); a link made earlier stays when the project is unpublished later."""
    if not measure.adopted_from_id:
        return
    if measure.pk and Measure.all_objects.filter(pk=measure.pk, adopted_from_id=measure.adopted_from_id).exists():
        return
    if not Project.objects.filter(adoptable_condition(by), pk=measure.adopted_from_id).exists():
        raise AgendaRefused(
            _("Nachnutzen lässt sich nur ein veröffentlichtes Projekt des Katalogs oder ein eigener Entwurf.")
        )


def _check_budgets(budgets: dict) -> None:
    for key, amount in budgets.items():
        year, source = key if isinstance(key, tuple) and len(key) == 2 else (key, None)
        if source not in BudgetSource.values or not isinstance(year, int):
            raise AgendaRefused(
                _("Ein Budget braucht ein Jahr und eine Quelle (Fördermittel, Eigenanteil, Folgekosten).")
            )
        if amount is not None and amount < 0:
            raise AgendaRefused(
                _("%(source)s %(year)s ist negativ.") % {"source": BudgetSource(source).label, "year": year}
            )


def _check_measure(agenda: Agenda, measure: Measure, plan: MeasurePlan) -> None:
    if measure.ends_on < measure.starts_on:
        raise AgendaRefused(_("Das Ende der Maßnahme liegt vor ihrem Beginn."))
    if measure.responsible_territory_id and measure.responsible_territory_id not in _allowed_territory_ids(agenda):
        raise AgendaRefused(_("Verantwortlich sein kann nur die Kommune der Agenda oder ein Mitglied des Verbunds."))
    if measure.responsible_actor_id and measure.responsible_actor.agenda_id != agenda.pk:
        raise AgendaRefused(_("Der verantwortliche Akteur gehört nicht zu dieser Agenda."))
    if any(goal.agenda_id != agenda.pk for goal in plan.goals):
        raise AgendaRefused(_("Ein gewähltes Ziel gehört nicht zu dieser Agenda."))
    others = [other for other in plan.depends_on if other.pk != measure.pk]
    if len(others) != len(plan.depends_on) or any(other.agenda_id != agenda.pk for other in others):
        raise AgendaRefused(_("Eine Maßnahme kann nur von anderen Maßnahmen derselben Agenda abhängen."))
    if measure.pk and _reaches(others, measure.pk):
        raise AgendaRefused(_("Die Abhängigkeiten bilden einen Kreis."))
    for milestone in plan.milestones:
        if not milestone.get("delete") and not (milestone.get("title") and milestone.get("due_on")):
            raise AgendaRefused(_("Jeder Meilenstein braucht einen Titel und ein Datum."))
    for kpi in plan.kpis:
        if not kpi.get("delete") and not kpi.get("name"):
            raise AgendaRefused(_("Jede Kennzahl braucht einen Namen."))
    _check_budgets(plan.budgets)


def _reaches(start: list, target_id: int) -> bool:
    """Does following `depends_on` from these measures lead back to `target_id`?"""
    seen, frontier = set(), [measure.pk for measure in start]
    while frontier:
        current = frontier.pop()
        if current == target_id:
            return True
        if current in seen:
            continue
        seen.add(current)
        frontier.extend(
            Measure.depends_on.through.objects.filter(from_measure_id=current).values_list("to_measure_id", flat=True)
        )
    return False


def _apply_plan(measure: Measure, plan: MeasurePlan) -> None:
    measure.goals.set(plan.goals)
    measure.domains.set(plan.domains)
    measure.depends_on.set(plan.depends_on)
    if plan.recommendations is not None:
        measure.recommendations.set(plan.recommendations)
    for (year, source), amount in plan.budgets.items():
        if amount in (None, Decimal("0")):
            MeasureBudget.objects.filter(measure=measure, year=year, source=source).delete()
        else:
            MeasureBudget.objects.update_or_create(
                measure=measure, year=year, source=source, defaults={"amount_eur": amount}
            )
    _apply_rows(measure, Milestone, plan.milestones, ["title", "due_on"])
    _apply_rows(measure, Kpi, plan.kpis, ["name", "unit", "baseline", "target"])


def _apply_rows(measure: Measure, model, rows: list, names: list[str]) -> None:
    existing = {row.pk: row for row in model.objects.filter(measure=measure)}
    for row in rows:
        instance = existing.get(row.get("id")) if row.get("id") else None
        if row.get("delete"):
            if instance is not None:
                instance.delete()
            continue
        instance = instance or model(measure=measure)
        for name in names:
            setattr(instance, name, row.get(name))
        instance.save()


@transaction.atomic
def add_measure(agenda: Agenda, *, by, plan: MeasurePlan | None = None, **fields) -> Measure:
    plan = plan or MeasurePlan()
    measure = Measure(agenda=agenda, position=_next_position(Measure.all_objects.filter(agenda=agenda)), **fields)
    _check_measure(agenda, measure, plan)
    _check_adoption(measure, by)
    _saved(measure, by)
    _apply_plan(measure, plan)
    return measure


@transaction.atomic
def update_measure(measure: Measure, *, expected_revision: int, by, plan: MeasurePlan, **fields) -> Measure:
    for name, value in fields.items():
        setattr(measure, name, value)
    _check_measure(measure.agenda, measure, plan)
    _check_adoption(measure, by)
    measure._history_user = by
    save_revision(measure, expected_revision=expected_revision, fields=list(fields))
    _apply_plan(measure, plan)
    return measure


def delete_measure(measure: Measure, *, by) -> None:
    measure._history_user = by
    measure.delete()


# --- Monitoring -------------------------------------------------------------------------------------


@transaction.atomic
def record_progress(
    measure: Measure,
    *,
    reported_on: date,
    status: str,
    progress: int,
    note: str = "",
    milestones_met: dict | None = None,
    kpi_values: dict | None = None,
    by,
) -> ProgressUpdate:
    """A progress report: status, percent, milestones met, KPI values; the measure shows the latest one."""
    if status not in MeasureStatus.values:
        raise AgendaRefused(_("Unbekannter Status."))
    if not 0 <= progress <= 100:
        raise AgendaRefused(_("Der Fortschritt liegt zwischen 0 und 100 %."))
    if status == MeasureStatus.DONE:
        progress = 100
    update = _saved(
        ProgressUpdate(
            measure=measure,
            reported_on=reported_on,
            status=status,
            progress=progress,
            note=note.strip(),
            reported_by=by,
        ),
        by,
    )
    for milestone in Milestone.objects.filter(measure=measure, pk__in=list(milestones_met or {})):
        milestone.met_on = milestones_met[milestone.pk]
        milestone.save(update_fields=["met_on"])
    kpis = {kpi.pk: kpi for kpi in Kpi.objects.filter(measure=measure)}
    for kpi_id, value in (kpi_values or {}).items():
        if kpi_id in kpis and value is not None:
            KpiValue.objects.create(kpi=kpis[kpi_id], update=update, value=value)
    latest = ProgressUpdate.objects.filter(measure=measure).order_by("-reported_on", "-id").first()
    measure.status, measure.progress, measure.progress_reported_on = latest.status, latest.progress, latest.reported_on
    measure.revision += 1
    measure._history_user = by
    measure.save(update_fields=["status", "progress", "progress_reported_on", "revision", "updated_at"])
    return update
