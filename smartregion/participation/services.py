"""Writes of participation: contributions while a consultation is open, supports, moderation, handling.

Every function checks the consultation's phase itself, so no view can add to a closed one, and
comments and ideas count against the per-person limits (ADR 0019) here, so every path that writes
(page, htmx part, API, import) meets them.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from smartregion.core import limits
from smartregion.core.refusals import Refused
from smartregion.notifications.enums import Kind
from smartregion.notifications.services import notify, withdraw

from .enums import (
    MAX_COMMENT_LENGTH,
    MAX_FLAG_NOTE_LENGTH,
    MAX_IDEA_LENGTH,
    ConsultationKind,
    FlagOutcome,
    FlagReason,
    IdeaHandling,
)
from .models import Comment, Consultation, Flag, Idea, Support


class ParticipationRefused(Refused):
    """The consultation is not open, or the contribution is not acceptable; the message says why."""


def _require_open(consultation: Consultation) -> None:
    if not consultation.is_open:
        raise ParticipationRefused(_("Die Beteiligung ist nicht geöffnet."))


def _clean_text(text: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise ParticipationRefused(_("Bitte schreiben Sie einen Text."))
    if len(text) > limit:
        raise ParticipationRefused(_("Der Text ist zu lang (höchstens %(limit)s Zeichen).") % {"limit": limit})
    return text


def _count_contribution(consultation: Consultation, by) -> None:
    """Count a comment or idea of `by` in this consultation; refuse it beyond the limits per minute and hour.

    Called inside the contribution's transaction: with the database's limits table a refused (or
    otherwise failed) contribution rolls its count back, so only stored contributions count.
    """
    windows = ((60, settings.PARTICIPATION_MAX_PER_MINUTE), (60 * 60, settings.PARTICIPATION_MAX_PER_HOUR))
    name = limits.key("contributions", consultation.pk, by.pk)
    for window, allowed in windows:
        if limits.count(name, window=window) > allowed:
            minutes = limits.minutes_left(window)
            raise ParticipationRefused(
                ngettext(
                    "Sie haben in kurzer Zeit sehr viele Beiträge geschrieben. Bitte warten Sie %(minutes)s Minute.",
                    "Sie haben in kurzer Zeit sehr viele Beiträge geschrieben. Bitte warten Sie %(minutes)s Minuten.",
                    minutes,
                )
                % {"minutes": minutes}
            )


def create_consultation(*, kind: str, title: str, by, starts_on=None, ends_on=None) -> Consultation:
    if kind == ConsultationKind.PUBLIC and starts_on and ends_on and ends_on < starts_on:
        raise ParticipationRefused(_("Das Ende liegt vor dem Beginn."))
    consultation = Consultation(kind=kind, title=title, starts_on=starts_on, ends_on=ends_on)
    consultation._history_user = by
    consultation.save()
    return consultation


def close_consultation(consultation: Consultation, *, by) -> Consultation:
    """End the consultation now. Ended before its planned last day, its end date becomes today and the
    planned one is kept in `planned_ends_on`: every page and export shows the day it really ended."""
    if consultation.closed_at is None:
        consultation.closed_at = timezone.now()
        consultation.closed_by = by
        fields = ["closed_at", "closed_by", "updated_at"]
        today = timezone.localdate(consultation.closed_at)
        if consultation.kind == ConsultationKind.PUBLIC and (
            consultation.ends_on is None or today < consultation.ends_on
        ):
            consultation.planned_ends_on = consultation.ends_on
            consultation.ends_on = today
            fields += ["ends_on", "planned_ends_on"]
        consultation._history_user = by
        consultation.save(update_fields=fields)
    return consultation


def set_conclusion(consultation: Consultation, *, conclusion: str, by) -> Consultation:
    consultation.conclusion = conclusion.strip()
    consultation._history_user = by
    consultation.save(update_fields=["conclusion", "updated_at"])
    return consultation


@transaction.atomic
def add_comment(
    consultation: Consultation,
    *,
    part_key: str,
    part_label: str,
    text: str,
    by,
    reply_to: Comment | None = None,
    link: str = "",
) -> Comment:
    """A comment on a part, or with `reply_to` a reply under a comment (the same rules: open phase, text
    limits, the per-person limits). A reply belongs to the part of its comment; a reply to a reply goes under
    the same comment (one level, as Decidim and adhocracy+ show them). The author of the comment hears of it
    (`Kind.REPLY`, `link` the page's path), not when she answers herself."""
    _require_open(consultation)
    if reply_to is not None:
        reply_to = _reply_target(consultation, reply_to)
        part_key, part_label = reply_to.part_key, reply_to.part_label
    comment = Comment(
        consultation=consultation,
        part_key=part_key,
        part_label=part_label[:300],
        text=_clean_text(text, MAX_COMMENT_LENGTH),
        author=by,
        reply_to=reply_to,
    )
    _count_contribution(consultation, by)
    comment._history_user = by
    comment.save()
    _tell_replied(comment, link=link)
    return comment


def reply_to_comment(comment: Comment, *, text: str, by, link: str = "") -> Comment:
    """Answer a comment: `add_comment` with its consultation and part."""
    return add_comment(
        comment.consultation,
        part_key=comment.part_key,
        part_label=comment.part_label,
        text=text,
        by=by,
        reply_to=comment,
        link=link,
    )


def _reply_target(consultation: Consultation, comment: Comment) -> Comment:
    if comment.consultation_id != consultation.pk:
        raise ParticipationRefused(_("Dieser Kommentar gehört nicht zu dieser Beteiligung."))
    if comment.reply_to_id is not None:
        comment = comment.reply_to
    if comment.is_hidden:
        raise ParticipationRefused(_("Auf einen ausgeblendeten Beitrag kann man nicht antworten."))
    return comment


def _reply_key(reply: Comment) -> str:
    return f"comment:{reply.pk}"


def _excerpt(text: str) -> str:
    return text if len(text) <= 300 else text[:299] + "…"


def _tell_replied(reply: Comment, *, link: str) -> None:
    """The author of the comment hears of a published reply (not of her own, not of a hidden one)."""
    parent = reply.reply_to
    if parent is None or reply.is_hidden or parent.author_id == reply.author_id:
        return
    notify(
        parent.author,
        Kind.REPLY,
        reply,
        {
            # the name she gave, never the address (a User without a name prints as her e-mail)
            "author": reply.author.full_name or _("Eine angemeldete Person"),
            "place": f"{reply.consultation.title} – {reply.part_label}",
            "excerpt": _excerpt(reply.text),
        },
        key=_reply_key(reply),
        link=f"{link}#kommentar-{reply.pk}" if link else "",
    )


@transaction.atomic
def propose_idea(consultation: Consultation, *, title: str, text: str, by) -> Idea:
    _require_open(consultation)
    title = (title or "").strip()
    if not title:
        raise ParticipationRefused(_("Bitte geben Sie Ihrer Idee einen Titel."))
    idea = Idea(consultation=consultation, title=title[:200], text=_clean_text(text, MAX_IDEA_LENGTH), author=by)
    _count_contribution(consultation, by)
    idea._history_user = by
    idea.save()
    return idea


def support_idea(idea: Idea, *, by) -> bool:
    """Support an idea of somebody else; a second support by the same person changes nothing. True if it
    counted now. Its author cannot support it (her proposal is her voice)."""
    _require_open(idea.consultation)
    if idea.is_hidden:
        raise ParticipationRefused(_("Diese Idee wurde ausgeblendet."))
    if idea.author_id == by.pk:
        raise ParticipationRefused(
            _("Ihre eigene Idee können Sie nicht unterstützen; Unterstützung kommt von anderen.")
        )
    try:
        with transaction.atomic():
            _support, created = Support.objects.get_or_create(idea=idea, user=by)
    except IntegrityError:  # two clicks at the same moment: the other one counted
        return False
    return created


def withdraw_support(idea: Idea, *, by) -> bool:
    _require_open(idea.consultation)
    deleted, _rows = Support.objects.filter(idea=idea, user=by).delete()
    return bool(deleted)


def _tell_author(contribution: Comment | Idea, *, hidden: bool, link: str, by) -> None:
    """The author hears of the moderation of her contribution, with the reason (not when she moderated it)."""
    if contribution.author_id == getattr(by, "pk", None):
        return
    text = contribution.text
    notify(
        contribution.author,
        Kind.MODERATION,
        contribution,
        {
            "hidden": hidden,
            "reason": contribution.hidden_reason,
            "consultation": contribution.consultation.title,
            "excerpt": _excerpt(text),
        },
        key=f"{contribution._meta.model_name}:{contribution.pk}:{contribution.updated_at.isoformat()}",
        link=link,
    )


@transaction.atomic
def hide_contribution(contribution: Comment | Idea, *, reason: str, by, link: str = "") -> Comment | Idea:
    """Moderation: the contribution disappears from public view with its reason; text and history stay.
    Its open reports are settled as 'ausgeblendet'."""
    reason = (reason or "").strip()
    if not reason:
        raise ParticipationRefused(_("Bitte nennen Sie einen Grund."))
    contribution.hidden_at = timezone.now()
    contribution.hidden_by = by
    contribution.hidden_reason = reason[:300]
    contribution._history_user = by
    contribution.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    _settle_flags(contribution, outcome=FlagOutcome.HIDDEN, by=by)
    _tell_author(contribution, hidden=True, link=link, by=by)
    if isinstance(contribution, Comment) and contribution.reply_to_id is not None:
        withdraw(Kind.REPLY, key=_reply_key(contribution))  # only published replies are told
    return contribution


@transaction.atomic
def show_contribution(contribution: Comment | Idea, *, by, link: str = "") -> Comment | Idea:
    contribution.hidden_at = None
    contribution.hidden_by = None
    contribution.hidden_reason = ""
    contribution._history_user = by
    contribution.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    _tell_author(contribution, hidden=False, link=link, by=by)
    if isinstance(contribution, Comment):
        _tell_replied(contribution, link=link)
    return contribution


def handle_idea(idea: Idea, *, handling: str, note: str, by) -> Idea:
    if handling not in IdeaHandling.values:
        raise ParticipationRefused(_("Unbekannter Bearbeitungsstand."))
    idea.handling = handling
    idea.handling_note = note.strip()
    idea.handled_by = by
    idea._history_user = by
    idea.save(update_fields=["handling", "handling_note", "handled_by", "updated_at"])
    return idea


# --- Reports to the moderation ----------------------------------------------------------------------------


def _field(contribution: Comment | Idea) -> str:
    return "comment" if isinstance(contribution, Comment) else "idea"


def _count_flag(by) -> None:
    """Count a report of `by`; refuse it beyond the limit per hour (all consultations together)."""
    window = 60 * 60
    if limits.count(limits.key("flags", by.pk), window=window) > settings.PARTICIPATION_MAX_FLAGS_PER_HOUR:
        minutes = limits.minutes_left(window)
        raise ParticipationRefused(
            ngettext(
                "Sie haben in kurzer Zeit sehr viele Beiträge gemeldet. Bitte warten Sie %(minutes)s Minute.",
                "Sie haben in kurzer Zeit sehr viele Beiträge gemeldet. Bitte warten Sie %(minutes)s Minuten.",
                minutes,
            )
            % {"minutes": minutes}
        )


@transaction.atomic
def flag_contribution(contribution: Comment | Idea, *, reason: str, note: str = "", by) -> Flag:
    """A participant reports a comment or idea of somebody else in a public consultation, once, with a reason
    (Sonstiges needs a few words). Counted against PARTICIPATION_MAX_FLAGS_PER_HOUR; a refused report
    counts nothing (the count is rolled back with the transaction on the database's limits table)."""
    if contribution.consultation.kind != ConsultationKind.PUBLIC:
        raise ParticipationRefused(_("Melden lassen sich Beiträge der öffentlichen Beteiligung."))
    if contribution.author_id == by.pk:
        raise ParticipationRefused(_("Ihren eigenen Beitrag können Sie nicht melden."))
    if contribution.is_hidden:
        raise ParticipationRefused(_("Dieser Beitrag ist bereits ausgeblendet."))
    if reason not in FlagReason.values:
        raise ParticipationRefused(_("Bitte wählen Sie einen Grund für die Meldung."))
    note = (note or "").strip()
    if reason == FlagReason.OTHER and not note:
        raise ParticipationRefused(_("Bitte beschreiben Sie kurz, was an dem Beitrag nicht in Ordnung ist."))
    if len(note) > MAX_FLAG_NOTE_LENGTH:
        raise ParticipationRefused(
            _("Die Erläuterung ist zu lang (höchstens %(limit)s Zeichen).") % {"limit": MAX_FLAG_NOTE_LENGTH}
        )
    already = _("Sie haben diesen Beitrag bereits gemeldet; die Moderation sieht ihn sich an.")
    field = _field(contribution)
    if Flag.objects.filter(**{field: contribution, "flagged_by": by}).exists():
        raise ParticipationRefused(already)
    _count_flag(by)
    flag = Flag(
        consultation_id=contribution.consultation_id, flagged_by=by, reason=reason, note=note, **{field: contribution}
    )
    flag._history_user = by
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError:  # the same person sent it twice at the same moment
        raise ParticipationRefused(already) from None
    return flag


def _settle_flags(contribution: Comment | Idea, *, outcome: str, by) -> int:
    """Close the contribution's open reports with their outcome, who decided and when (history kept)."""
    now = timezone.now()
    flags = list(Flag.objects.filter(**{_field(contribution): contribution, "outcome": FlagOutcome.OPEN}))
    for flag in flags:
        flag.outcome, flag.resolved_at, flag.resolved_by = outcome, now, by
        flag._history_user = by
        flag.save(update_fields=["outcome", "resolved_at", "resolved_by", "updated_at"])
    return len(flags)


@transaction.atomic
def dismiss_flags(contribution: Comment | Idea, *, by) -> int:
    """Moderation: the reports do not hold; the contribution stays visible, the reports are recorded as
    'verworfen'. The number of reports settled."""
    return _settle_flags(contribution, outcome=FlagOutcome.DISMISSED, by=by)
