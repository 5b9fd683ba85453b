"""Measures: the form (with budgets, milestones and KPIs), the measure's page with matches and progress,
monitoring of an agenda and of a network."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.concurrency import EditConflict
from smartregion.core.editing import changed
from smartregion.core.sections import sections_for
from smartregion.network.models import Network
from smartregion.participation import queries as participation_queries

from .. import document, financing, monitoring, queries, services
from ..enums import Light
from ..forms import ProgressForm
from ..measure_forms import KpiFormSet, MeasureForm, MilestoneFormSet, kpi_initial, measure_plan, milestone_initial
from ..models import Measure
from ..services import AgendaRefused
from .common import get_agenda, get_part


def _measure_form(request, agenda, data, instance):
    """The measure form: `?alle=1` also offers the programmes the territory is not eligible for (with their
    reason); `?adopted_query=…` searches the catalog (the htmx live search asks the page itself)."""
    return MeasureForm(
        data,
        instance=instance,
        agenda=agenda,
        territories=queries.member_territories(agenda),
        user=request.user,
        show_all_programmes=request.GET.get("alle") == "1",
        initial={"adopted_query": request.GET.get("adopted_query", "")[:200]},
        search_url=request.path,
    )


def _forms(request, agenda, measure):
    data = request.POST if request.method == "POST" else None
    form = _measure_form(request, agenda, data, measure)
    milestones = MilestoneFormSet(data, prefix="meilenstein", initial=milestone_initial(measure))
    kpis = KpiFormSet(data, prefix="kennzahl", initial=kpi_initial(measure))
    return form, milestones, kpis


def _financing(agenda, measure, today):
    """The measure's financing table and the warnings about its programme."""
    table = financing.financing_table(measure.budget_list)
    return table, document.measure_warnings(agenda, measure, table, today)


@login_required
def measure_form(request, pk, measure_pk=None):
    agenda = get_agenda(request, pk, "agendas.change_agenda")
    measure = get_part(agenda, Measure, measure_pk) if measure_pk else None
    form, milestones, kpis = _forms(request, agenda, measure)
    conflict = None
    if request.method == "POST" and form.is_valid() and milestones.is_valid() and kpis.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.MEASURE_FIELDS}
        try:
            if measure is None:
                measure = services.add_measure(
                    agenda, by=request.user, plan=measure_plan(form, milestones, kpis), **fields
                )
            elif changed(form, milestones, kpis):  # an unchanged form writes nothing
                services.update_measure(
                    Measure.objects.get(pk=measure.pk),
                    expected_revision=form.cleaned_data["revision"] or 0,
                    by=request.user,
                    plan=measure_plan(form, milestones, kpis),
                    **fields,
                )
        except EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["revision"] = error.current.revision
            form = _measure_form(request, agenda, data, Measure.objects.get(pk=measure.pk))
        except AgendaRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            _table, warnings = _financing(agenda, queries.measure_of(agenda, measure.pk), timezone.localdate())
            if warnings:
                messages.warning(request, _("Maßnahme gespeichert. Bitte beachten Sie die Hinweise zur Förderung."))
            else:
                messages.success(request, _("Maßnahme gespeichert."))
            return redirect(measure)
    context = {
        "agenda": agenda,
        "measure": measure,
        "form": form,
        "milestones": milestones,
        "kpis": kpis,
        "conflict": conflict,
    }
    return render(request, "agendas/measure_form.html", context)


def _team_comments(request, agenda, measure):
    if not request.user.has_perm("agendas.view_team_discussion", agenda):
        return None
    comments = participation_queries.comments_by_part(agenda.team_discussion, moderator=False, viewer=request.user)
    return comments.get(f"massnahme:{measure.pk}", [])


def measure_detail(request, pk, measure_pk):
    agenda = get_agenda(request, pk)
    measure = queries.measure_of(agenda, measure_pk)
    if measure is None:
        raise Http404
    can_report = request.user.has_perm("agendas.report_progress", agenda)
    today = timezone.localdate()
    table, warnings = _financing(agenda, measure, today)
    context = {
        "financing": table,
        "funding_warnings": warnings,
        "team_thread": _team_comments(request, agenda, measure),
        "team_part_key": f"massnahme:{measure.pk}",
        "can_team_comment": request.user.has_perm("agendas.comment_team", agenda),
        "agenda": agenda,
        "measure": measure,
        "signal": monitoring.signal(measure, today, measure.milestone_list),
        "updates": measure.updates.select_related("reported_by").prefetch_related("kpi_values__kpi"),
        "progress_form": ProgressForm(measure=measure) if can_report else None,
        "can_edit": request.user.has_perm("agendas.change_agenda", agenda),
        "can_history": request.user.has_perm("agendas.view_agenda_history", agenda),
        "sections": sections_for("measure", request, measure),
    }
    return render(request, "agendas/measure_detail.html", context)


@login_required
@require_POST
def measure_delete(request, pk, measure_pk):
    agenda = get_agenda(request, pk, "agendas.change_agenda")
    services.delete_measure(get_part(agenda, Measure, measure_pk), by=request.user)
    messages.success(request, _("Maßnahme gelöscht."))
    return redirect(f"{agenda.get_absolute_url()}#massnahmen")


@login_required
@require_POST
def progress(request, pk, measure_pk):
    agenda = get_agenda(request, pk, "agendas.report_progress")
    measure = queries.measure_of(agenda, measure_pk)
    if measure is None:
        raise Http404
    form = ProgressForm(request.POST, measure=measure)
    today = timezone.localdate()
    if form.is_valid():
        try:
            services.record_progress(
                measure,
                reported_on=form.cleaned_data["reported_on"],
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
                milestones_met=form.milestones_met(),
                kpi_values=form.kpi_values(),
                by=request.user,
            )
        except AgendaRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Fortschritt gemeldet."))
            return redirect(measure)
    else:
        messages.error(request, _("Bitte prüfen Sie die Angaben der Fortschrittsmeldung."))
    table, warnings = _financing(agenda, measure, today)
    context = {
        "financing": table,
        "funding_warnings": warnings,
        "agenda": agenda,
        "measure": measure,
        "signal": monitoring.signal(measure, today, measure.milestone_list),
        "updates": measure.updates.select_related("reported_by").prefetch_related("kpi_values__kpi"),
        "progress_form": form,
        "can_edit": request.user.has_perm("agendas.change_agenda", agenda),
        "sections": [],
    }
    return render(request, "agendas/measure_detail.html", context, status=400)


def agenda_monitoring(request, pk):
    agenda = get_agenda(request, pk)
    context = {
        "agenda": agenda,
        "doc": document.build(agenda, request.user),
        "can_report": request.user.has_perm("agendas.report_progress", agenda),
    }
    return render(request, "agendas/monitoring.html", context)


@login_required
def network_monitoring(request, slug):
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("agendas.view_network_monitoring", network):
        raise PermissionDenied
    today = timezone.localdate()
    rows = []
    for agenda in queries.network_agendas(network):
        signals = [monitoring.signal(measure, today, measure.milestone_list) for measure in agenda.measures.all()]
        rows.append((agenda, monitoring.light_counts(signals), len(signals)))
    context = {"network": network, "rows": rows, "lights": Light.choices}
    return render(request, "agendas/network_monitoring.html", context)
