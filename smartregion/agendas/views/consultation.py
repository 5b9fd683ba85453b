"""The public consultation of an agenda and the team's discussion: comments on parts and measures,
ideas with one support per person, moderation and how each idea was handled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartregion.participation import queries as participation_queries
from smartregion.participation import services as participation
from smartregion.participation.enums import FlagReason, QueueOrder
from smartregion.participation.forms import (
    CommentForm,
    ConclusionForm,
    DismissForm,
    FlagForm,
    HandlingForm,
    HideForm,
    IdeaForm,
    QueueOrderForm,
    ReplyForm,
)
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
    open_flags = participation_queries.open_flag_counts(agenda.consultation) if can_moderate else {}
    comments = participation_queries.comments_by_part(agenda.consultation, moderator=can_moderate, viewer=request.user)
    ideas = participation_queries.ideas(agenda.consultation, request.user, moderator=can_moderate)
    flagged = participation_queries.flagged_by(agenda.consultation, request.user)
    contributions = [("comment", comment) for thread in comments.values() for comment in thread]
    for kind, contribution in contributions + [("idea", idea) for idea in ideas]:
        contribution.open_flags = open_flags.get((kind, contribution.pk), 0)
        contribution.flagged_by_me = (kind, contribution.pk) in flagged
    parts = [(key, label, measure, comments.get(key, [])) for key, label, measure in commentable_parts(agenda)]
    context = {
        "agenda": agenda,
        "consultation": agenda.consultation,
        "parts": parts,
        "ideas": ideas,
        "summary": participation_queries.summary(agenda.consultation),
        "can_take_part": request.user.has_perm("agendas.take_part", agenda) and agenda.consultation.is_open,
        # a visitor sees where to answer; the reply page asks her to sign in first
        "can_reply": agenda.consultation.is_open
        and (request.user.has_perm("agendas.take_part", agenda) or not request.user.is_authenticated),
        "can_moderate": can_moderate,
        # Reports: moderators see the open ones per contribution and in total; participants report.
        "open_flag_total": sum(open_flags.values()),
        "can_flag": request.user.has_perm("agendas.flag_contribution", agenda) and not can_moderate,
        "flag_reasons": FlagReason.choices,
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
@require_http_methods(["GET", "POST"])
def reply(request, pk, comment_pk):
    """Answer a comment of the public consultation: the comment and the reply form; the reply goes through the
    same service as every comment (open phase, limits) and its author is told (ADR 0028)."""
    agenda = get_agenda(request, pk, "agendas.take_part")
    target, _permission, back = _consultation_of(agenda, "public")
    can_moderate = request.user.has_perm("agendas.moderate", agenda)
    comment = participation_queries.comment_for_reply(target, comment_pk, moderator=can_moderate, viewer=request.user)
    if comment is None:
        raise Http404
    thread = f"{back}#kommentar-{comment.pk}"
    if comment.is_hidden or not target.is_open:
        messages.error(request, _("Auf diesen Beitrag kann nicht mehr geantwortet werden."))
        return redirect(thread)
    form = ReplyForm(request.POST or None)
    if form.is_valid():
        try:
            created = participation.reply_to_comment(
                comment, text=form.cleaned_data["text"], by=request.user, link=back
            )
        except participation.ParticipationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Danke, Ihre Antwort ist veröffentlicht."))
            return redirect(f"{back}#kommentar-{created.pk}")
    context = {"agenda": agenda, "consultation": target, "comment": comment, "form": form, "back_url": thread}
    return render(request, "agendas/reply.html", context)


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
            participation.show_contribution(contribution, by=request.user, link=back)
            messages.success(request, _("Der Beitrag ist wieder sichtbar."))
        else:
            participation.hide_contribution(
                contribution, reason=form.cleaned_data["reason"], by=request.user, link=back
            )
            messages.success(request, _("Der Beitrag ist ausgeblendet; Text und Grund bleiben im Verlauf erhalten."))
    except participation.ParticipationRefused as refusal:
        messages.error(request, str(refusal))
    if form.cleaned_data["from_queue"] and audience == "public":
        return redirect("agendas:moderation_queue", agenda.pk)
    return redirect(back)


def _anchor(kind: str, contribution) -> str:
    return f"#kommentar-{contribution.pk}" if kind == "comment" else f"#idee-{contribution.pk}"


def _reported(target, form):
    model = Comment if form.cleaned_data["kind"] == "comment" else Idea
    return get_object_or_404(model.objects.filter(consultation=target), pk=form.cleaned_data["contribution"])


@login_required
@require_POST
def flag(request, pk):
    """A participant reports a comment or idea to the moderation (once, with a reason)."""
    agenda = get_agenda(request, pk, "agendas.flag_contribution")
    target, _permission, back = _consultation_of(agenda, "public")
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie einen Grund für die Meldung."))
        return redirect(back)
    contribution = _reported(target, form)
    try:
        participation.flag_contribution(
            contribution, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"], by=request.user
        )
    except participation.ParticipationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Danke für Ihre Meldung. Die Moderation sieht sich den Beitrag an."))
    return redirect(back + _anchor(form.cleaned_data["kind"], contribution))


@login_required
@require_GET
def moderation_queue(request, pk):
    """The moderators' queue: reported contributions, most reported or most recently reported first, with
    hiding (a reason) and dismissing (stays visible, recorded); below, the latest decisions."""
    agenda = get_agenda(request, pk, "agendas.moderate")
    if agenda.consultation is None:
        raise Http404
    order_form = QueueOrderForm(request.GET or None)
    order = (order_form.is_valid() and order_form.cleaned_data["ordnung"]) or QueueOrder.MOST
    context = {
        "agenda": agenda,
        "consultation": agenda.consultation,
        "order_form": order_form if order_form.is_bound else QueueOrderForm(),
        "entries": participation_queries.moderation_queue(agenda.consultation, order=order),
        "settled": participation_queries.settled_flags(agenda.consultation),
    }
    return render(request, "agendas/moderation_queue.html", context)


@login_required
@require_POST
def dismiss_flags(request, pk):
    """The reports of a contribution do not hold: it stays visible; the reports are recorded as dismissed."""
    agenda = get_agenda(request, pk, "agendas.moderate")
    target, _permission, _back = _consultation_of(agenda, "public")
    form = DismissForm(request.POST)
    if not form.is_valid():
        raise Http404
    settled = participation.dismiss_flags(_reported(target, form), by=request.user)
    if settled:
        messages.success(request, _("Die Meldungen sind verworfen; der Beitrag bleibt sichtbar."))
    else:
        messages.info(request, _("Zu diesem Beitrag gibt es keine offenen Meldungen."))
    return redirect("agendas:moderation_queue", agenda.pk)


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
