"""The agenda: list, create, the page with its four parts, edit, status steps, the parts' forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.downloads import file_response
from smartregion.core.editing import save_edit
from smartregion.core.pagecache import for_visitors
from smartregion.participation import queries as participation_queries
from smartregion.participation.forms import CommentForm
from smartregion.toolkit import queries as toolkit_queries

from .. import document, history, queries, services
from ..enums import AgendaPart, AgendaStatus
from ..filters import AgendaFilter
from ..forms import (
    ActorForm,
    AgendaCreateForm,
    AgendaForm,
    ConceptForm,
    ConsultationPeriodForm,
    DecisionForm,
    GoalForm,
    GoalTargetForm,
)
from ..models import Agenda, AgendaActor, ExistingConcept, Goal, GoalTarget
from ..services import AgendaRefused
from .common import get_agenda, get_part

PAGE_SIZE = 25


def agenda_list(request):
    agenda_filter = AgendaFilter(request.GET, queryset=queries.list_queryset(request.user))
    page = Paginator(agenda_filter.results, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {
        "form": agenda_filter.form,
        "page": page,
        "agendas": page.object_list,
        "can_add": queries.writable_territories(request.user).exists() or request.user.is_superuser,
    }
    return render(request, "agendas/list.html", context)


@login_required
def create(request):
    territories = queries.writable_territories(request.user)
    if request.user.is_superuser:
        from smartregion.territories.enums import ACTING_KINDS
        from smartregion.territories.models import Territory

        territories = Territory.objects.filter(is_active=True, kind__in=ACTING_KINDS)
    if not territories.exists():
        raise PermissionDenied
    initial = {}
    if request.GET.get("gebiet"):
        initial["territory"] = territories.filter(code=request.GET["gebiet"]).first()
    form = AgendaCreateForm(request.POST or None, territories=territories.order_by("name"), initial=initial)
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("agendas.add_agenda", form.cleaned_data["territory"]):
            raise PermissionDenied
        try:
            agenda = services.create_agenda(by=request.user, **form.cleaned_data)
        except AgendaRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Das Digitalisierungskonzept ist angelegt. Es ist ein Entwurf, bis Sie die Beteiligung öffnen."),
            )
            return redirect(agenda)
    return render(request, "agendas/form.html", {"form": form, "title": _("Digitalisierungskonzept anlegen")})


@for_visitors
def detail(request, pk):
    agenda = get_agenda(request, pk)
    user = request.user
    can_team = user.has_perm("agendas.view_team_discussion", agenda)
    can_edit = user.has_perm("agendas.change_agenda", agenda)
    context = {
        "agenda": agenda,
        "doc": document.build(agenda, user),
        "can_edit": can_edit,
        # Editors see the Werkzeugkasten's guides for each part they are writing.
        "part_guides": toolkit_queries.guides_for_agenda_parts() if can_edit else {},
        "can_history": user.has_perm("agendas.view_agenda_history", agenda),
        "team_comments": participation_queries.comments_by_part(agenda.team_discussion, moderator=False, viewer=user)
        if can_team
        else None,
        "can_team_comment": user.has_perm("agendas.comment_team", agenda),
        # The writers moderate the consultation: how many reports wait for them.
        "open_flag_total": participation_queries.open_flag_total(agenda.consultation) if can_edit else 0,
        "comment_form": CommentForm(),
        "period_form": ConsultationPeriodForm(),
        "decision_form": DecisionForm(consultation=agenda.consultation),
        "parts": AgendaPart,
        "statuses": AgendaStatus,
    }
    return render(request, "agendas/detail.html", context)


@login_required
def edit(request, pk):
    agenda = get_agenda(request, pk, "agendas.change_agenda")
    form = AgendaForm(request.POST or None, instance=agenda)
    saved, form, conflict = save_edit(
        request,
        form,
        save=lambda form: services.update_agenda(
            Agenda.objects.get(pk=agenda.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            **form.values(),
        ),
        rebuild=lambda data: AgendaForm(data, instance=Agenda.objects.get(pk=agenda.pk)),
        refusals=(AgendaRefused,),
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        return redirect(agenda)
    context = {
        "form": form,
        "agenda": agenda,
        "conflict": conflict,
        "title": _("Grunddaten, Herausforderungen, Vision und Beschlussvorschlag"),
    }
    return render(request, "agendas/form.html", context)


@login_required
@require_POST
def delete(request, pk):
    agenda = get_agenda(request, pk, "agendas.delete_agenda")
    services.delete_agenda(agenda, by=request.user)
    messages.success(request, _("Das Digitalisierungskonzept wurde gelöscht."))
    return redirect("agendas:list")


@login_required
@require_POST
def status_step(request, pk, step):
    agenda = get_agenda(request, pk, "agendas.change_agenda")
    try:
        if step == "beteiligung":
            form = ConsultationPeriodForm(request.POST)
            if not form.is_valid():
                raise AgendaRefused(" ".join(str(error) for errors in form.errors.values() for error in errors))
            services.open_consultation(agenda, by=request.user, **form.cleaned_data)
            messages.success(request, _("Die Beteiligung ist geöffnet. Das Konzept ist jetzt öffentlich."))
        elif step == "beenden":
            services.close_consultation(agenda, by=request.user)
            messages.success(request, _("Die Beteiligung ist beendet."))
        elif step == "beschluss":
            form = DecisionForm(request.POST)
            if not form.is_valid():
                raise AgendaRefused(_("Bitte geben Sie das Datum des Beschlusses an."))
            services.record_decision(agenda, by=request.user, **form.cleaned_data)
            messages.success(request, _("Der Beschluss ist erfasst."))
        elif step == "umsetzung":
            services.start_implementation(agenda, by=request.user)
            messages.success(request, _("Die Umsetzung hat begonnen."))
        elif step == "abschluss":
            services.complete_agenda(agenda, by=request.user)
            messages.success(request, _("Das Konzept ist abgeschlossen."))
        else:
            raise AgendaRefused(_("Unbekannter Schritt."))
    except AgendaRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(agenda)


# --- Parts: concepts, actors, goals ------------------------------------------------------------------


def _part_form_page(request, agenda, *, form, title, anchor, instance=None, save, rebuild, delete_url=""):
    saved, form, conflict = save_edit(request, form, save=save, rebuild=rebuild, refusals=(AgendaRefused,))
    if saved is not None:
        messages.success(request, _("Gespeichert."))
        return redirect(f"{agenda.get_absolute_url()}#{anchor}")
    context = {
        "form": form,
        "agenda": agenda,
        "conflict": conflict,
        "title": title,
        "delete_url": delete_url,
        "instance": instance,
    }
    return render(request, "agendas/form.html", context)


@login_required
def concept_form(request, pk, concept_pk=None):
    agenda = get_agenda(request, pk, "agendas.change_agenda")
    concept = get_part(agenda, ExistingConcept, concept_pk) if concept_pk else None
    form = ConceptForm(request.POST or None, request.FILES or None, instance=concept)

    def save(form):
        upload = form.cleaned_data.get("upload")
        if concept is None:
            return services.add_concept(agenda, by=request.user, document=upload, **form.values())
        return services.update_concept(
            ExistingConcept.objects.get(pk=concept.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            document=upload,
            **form.values(),
        )

    return _part_form_page(
        request,
        agenda,
        form=form,
        title=_("Vorhandenes Konzept"),
        anchor="ausgangslage",
        instance=concept,
        save=save,
        rebuild=lambda data: ConceptForm(data, instance=ExistingConcept.objects.get(pk=concept.pk)),
        delete_url="konzept" if concept else "",
    )


def concept_document(request, pk, concept_pk):
    """The uploaded document of an existing concept, for whoever may see the agenda."""
    agenda = get_agenda(request, pk)
    concept = get_part(agenda, ExistingConcept, concept_pk)
    if not concept.document:
        raise Http404
    return file_response(concept.document, filename=concept.document.name.rsplit("/", 1)[-1])


def _part_page(request, pk, part_pk, *, model, form_class, add, update, title, anchor, delete_url):
    """Add or edit an actor or a goal: the part's form, saved through its service, conflicts shown."""
    agenda = get_agenda(request, pk, "agendas.change_agenda")
    part = get_part(agenda, model, part_pk) if part_pk else None
    form = form_class(request.POST or None, instance=part, agenda=agenda)

    def save(form):
        if part is None:
            return add(agenda, by=request.user, **form.values())
        return update(
            model.objects.get(pk=part.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            **form.values(),
        )

    return _part_form_page(
        request,
        agenda,
        form=form,
        title=title,
        anchor=anchor,
        instance=part,
        save=save,
        rebuild=lambda data: form_class(data, instance=model.objects.get(pk=part.pk), agenda=agenda),
        delete_url=delete_url if part else "",
    )


@login_required
def actor_form(request, pk, actor_pk=None):
    return _part_page(
        request, pk, actor_pk, model=AgendaActor, form_class=ActorForm, add=services.add_actor,
        update=services.update_actor, title=_("Akteur"), anchor="akteure", delete_url="akteur",
    )  # fmt: skip


@login_required
def goal_form(request, pk, goal_pk=None):
    return _part_page(
        request, pk, goal_pk, model=Goal, form_class=GoalForm, add=services.add_goal, update=services.update_goal,
        title=_("Ziel"), anchor="vision", delete_url="ziel",
    )  # fmt: skip


@login_required
def goal_targets(request, pk, goal_pk):
    """The cells a goal aims at, with their target levels: add one, see the others."""
    agenda = get_agenda(request, pk, "agendas.change_agenda")
    goal = get_part(agenda, Goal, goal_pk)
    form = GoalTargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_goal_target(goal, by=request.user, **form.cleaned_data)
        except AgendaRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Zielstufe gespeichert."))
            return redirect("agendas:goal_targets", agenda.pk, goal.pk)
    targets = goal.targets.select_related("cell__domain", "cell__dimension").defer(
        "cell__descriptors_de", "cell__descriptors_en"
    )
    return render(
        request, "agendas/goal_targets.html", {"agenda": agenda, "goal": goal, "form": form, "targets": targets}
    )


@login_required
@require_POST
def remove_part(request, pk, kind, part_pk):
    agenda = get_agenda(request, pk, "agendas.change_agenda")
    models = {
        "konzept": (ExistingConcept, "ausgangslage"),
        "akteur": (AgendaActor, "akteure"),
        "ziel": (Goal, "vision"),
    }
    if kind == "zielstufe":
        target = get_object_or_404(GoalTarget.objects.filter(goal__agenda=agenda), pk=part_pk)
        services.remove(target, by=request.user)
        messages.success(request, _("Zielstufe entfernt."))
        return redirect("agendas:goal_targets", agenda.pk, target.goal_id)
    if kind not in models:
        raise PermissionDenied
    model, anchor = models[kind]
    services.remove(get_part(agenda, model, part_pk), by=request.user)
    messages.success(request, _("Entfernt."))
    return redirect(f"{agenda.get_absolute_url()}#{anchor}")


@login_required
def agenda_history(request, pk):
    agenda = get_agenda(request, pk, "agendas.view_agenda_history")
    context = {"object": agenda, "entries": history.agenda_history(agenda), "combined": True}
    return render(request, "core/history.html", context)
