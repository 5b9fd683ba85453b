"""The history of an agenda with all its parts: basic data, concepts, actors, goals and their target levels,
measures with budgets, milestones, KPIs and progress reports — removed parts included."""

from django.utils.translation import gettext as _

from smartregion.core.history import combined_entries

from .models import (
    Agenda,
    AgendaActor,
    ExistingConcept,
    Goal,
    GoalTarget,
    Kpi,
    Measure,
    MeasureBudget,
    Milestone,
    ProgressUpdate,
)


def agenda_history(agenda: Agenda, *, limit: int = 300):
    goal_ids = set(Goal.history.filter(agenda_id=agenda.pk).values_list("id", flat=True))
    measure_ids = set(Measure.history.filter(agenda_id=agenda.pk).values_list("id", flat=True))
    measure_codes = dict(Measure.all_objects.filter(pk__in=measure_ids).values_list("pk", "position"))

    def in_measure(label):
        return lambda record: f"M{measure_codes.get(record.measure_id, '?')} · {label(record)}"

    sources = [
        (
            Agenda.history.filter(id=agenda.pk),
            lambda record: _("Grunddaten, Herausforderungen, Vision und Beschlussvorschlag"),
        ),
        (ExistingConcept.history.filter(agenda_id=agenda.pk), lambda record: _("Konzept: %s") % record.title),
        (
            AgendaActor.history.filter(agenda_id=agenda.pk),
            lambda record: _("Akteur: %s") % (record.name or record.role),
        ),
        (Goal.history.filter(agenda_id=agenda.pk), lambda record: f"Z{record.position} {record.title}"),
        (GoalTarget.history.filter(goal_id__in=goal_ids), lambda record: _("Zielstufe")),
        (Measure.history.filter(agenda_id=agenda.pk), lambda record: f"M{record.position} {record.title}"),
        (
            MeasureBudget.history.filter(measure_id__in=measure_ids),
            in_measure(lambda r: _("Budget %(year)s: %(source)s") % {"year": r.year, "source": r.get_source_display()}),
        ),
        (Milestone.history.filter(measure_id__in=measure_ids), in_measure(lambda r: _("Meilenstein: %s") % r.title)),
        (Kpi.history.filter(measure_id__in=measure_ids), in_measure(lambda r: _("Kennzahl: %s") % r.name)),
        (ProgressUpdate.history.filter(measure_id__in=measure_ids), in_measure(lambda r: _("Fortschrittsmeldung"))),
    ]
    return combined_entries(sources, limit=limit)
