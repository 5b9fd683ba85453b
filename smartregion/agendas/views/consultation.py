"""The public consultation of an agenda and the team's discussion: comments on parts and measures,
ideas with one support per person, moderation and how each idea was handled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.participation import queries as participation_queries
from smartregion.participation import services as participation
from smartregion.participation.forms import CommentForm, ConclusionForm, HandlingForm, HideForm, IdeaForm
from smartregion.participation.models import Comment, Idea

from .. import queries
from ..enums import AgendaPart
from .common import get_agenda


def commentable_parts(agenda) -> list[tuple[str, str, object]]:
    """(key, label, measure or None) of everything one can comment on: the four parts and each measure."""
    parts = [(value, str(label), None) for value, label in AgendaPart.choices]
    for measure in queries.measure_titles(agenda):
        parts.append((f"massnahme:{measure.pk}", f"{measure.code} {measure.title}", measure))
    return parts


def _part_label(agenda, key: str) -> str:
    for part_key, label, _measure in commentable_parts(agenda):
        if part_key == key:
            return label
    raise Http404


def consultation(request, pk):
    agenda = get_agenda(request, pk)
    if agenda.consultation is None:
        raise Http404
    can_moderate = request.user.has_perm("agendas.moderate", agenda)
    comments = participation_queries.comments_by_part(agenda.consultation, moderator=can_moderate, viewer=request.user)
    parts = [(key, label, measure, comments.get(key, [])) for key, label, measure in commentable_parts(agenda)]
    context = {
        "agenda": agenda,
        "consultation": agenda.consultation,
        "parts": parts,
        "ideas": participation_queries.ideas(agenda.consultation, request.user, moderator=can_moderate),
        "summary": participation_queries.summary(agenda.consultation),
        "can_take_part": request.user.has_perm("agendas.take_part", agenda) and agenda.consultation.is_open,
        "can_moderate": can_moderate,
        "comment_form": CommentForm(),
        "idea_form": IdeaForm(),
        "handling_choices": HandlingForm.base_fields["handling"].choices,
        "conclusion_form": ConclusionForm(initial={"conclusion": agenda.consultation.conclusion}),
    }
    return render(request, "agendas/consultation.html", context)


def _consultation_of(agenda, audience: str):
    if audience == "team":
        return agenda.team_discussion, "agendas.comment_team", agenda.get_absolute_url()
    if agenda.consultation is None:
        raise Http404
    return agenda.consultation, "agendas.take_part", f"{agenda.get_absolute_url()}beteiligung/"


@login_required
@require_POST
def comment(request, pk, audience):
    agenda = get_agenda(request, pk)
    target, permission, back = _consultation_of(agenda, audience)
    if not request.user.has_perm(permission, agenda):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte schreiben Sie einen Kommentar (höchstens 3000 Zeichen)."))
        return redirect(back)
    key = form.cleaned_data["part"]
    try:
        participation.add_comment(
            target, part_key=key, part_label=_part_label(agenda, key), text=form.cleaned_data["text"], by=request.user
        )
    except participation.ParticipationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    messages.success(request, _("Danke, Ihr Kommentar ist veröffentlicht."))
    if audience == "team" and key.startswith("massnahme:"):
        return redirect("agendas:measure", agenda.pk, int(key.split(":")[1]))
    return redirect(f"{back}#teil-{key.replace(':', '')}")


@login_required
@require_POST
def propose_idea(request, pk):
    agenda = get_agenda(request, pk, "agendas.take_part")
    target, _permission, back = _consultation_of(agenda, "public")
    form = IdeaForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie Titel und Beschreibung Ihrer Idee an."))
        return redirect(back)
    try:
        participation.propose_idea(target, by=request.user, **form.cleaned_data)
    except participation.ParticipationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Danke, Ihre Idee ist veröffentlicht."))
    return redirect(f"{back}#ideen")


@login_required
@require_POST
def support(request, pk, idea_pk):
    agenda = get_agenda(request, pk, "agendas.take_part")
    target, _permission, back = _consultation_of(agenda, "public")
    idea = get_object_or_404(Idea.objects.filter(consultation=target), pk=idea_pk)
    try:
        if request.POST.get("zurueckziehen"):
            participation.withdraw_support(idea, by=request.user)
            messages.success(request, _("Ihre Unterstützung ist zurückgezogen."))
        elif participation.support_idea(idea, by=request.user):
            messages.success(request, _("Sie unterstützen diese Idee."))
        else:
            messages.info(request, _("Sie unterstützen diese Idee bereits; jede Person zählt einmal."))
    except participation.ParticipationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(f"{back}#idee-{idea.pk}")


@login_required
@require_POST
def moderate(request, pk, audience):
    agenda = get_agenda(request, pk, "agendas.moderate")
    target, _permission, back = _consultation_of(agenda, audience)
    form = HideForm(request.POST)
    if not form.is_valid():
        raise Http404
    model = Comment if form.cleaned_data["kind"] == "comment" else Idea
    contribution = get_object_or_404(model.objects.filter(consultation=target), pk=form.cleaned_data["contribution"])
    try:
        if form.cleaned_data["show"]:
            participation.show_contribution(contribution, by=request.user)
            messages.success(request, _("Der Beitrag ist wieder sichtbar."))
        else:
            participation.hide_contribution(contribution, reason=form.cleaned_data["reason"], by=request.user)
            messages.success(request, _("Der Beitrag ist ausgeblendet; Text und Grund bleiben im Verlauf erhalten."))
    except participation.ParticipationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(back)


@login_required
@require_POST
def handle_idea(request, pk):
    agenda = get_agenda(request, pk, "agendas.moderate")
    target, _permission, back = _consultation_of(agenda, "public")
    form = HandlingForm(request.POST)
    if form.is_valid():
        idea = get_object_or_404(Idea.objects.filter(consultation=target), pk=form.cleaned_data["idea"])
        participation.handle_idea(
            idea, handling=form.cleaned_data["handling"], note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("Der Umgang mit der Idee ist gespeichert."))
        return redirect(f"{back}#idee-{idea.pk}")
    messages.error(request, _("Bitte wählen Sie, wie mit der Idee umgegangen wird."))
    return redirect(back)


@login_required
@require_POST
def conclusion(request, pk):
    agenda = get_agenda(request, pk, "agendas.moderate")
    target, _permission, back = _consultation_of(agenda, "public")
    form = ConclusionForm(request.POST)
    if form.is_valid():
        participation.set_conclusion(target, conclusion=form.cleaned_data["conclusion"], by=request.user)
        messages.success(request, _("Das Fazit der Beteiligung ist gespeichert."))
    return redirect(f"{back}#ergebnis")
