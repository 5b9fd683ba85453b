"""The feedback of the accessibility statement (BGG §12b, BITV 2.0 §7): a person reports a barrier or asks for
content in an accessible form; the message is stored and mailed to the operator, who answers within a month.
Unanswered messages older than ACCESSIBILITY_REMINDER_AFTER_DAYS are mailed to the operator again
(`manage.py accessibility_reminders`, at most once a week per message)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import limits
from .freshness import bulk_written
from .models import AccessibilityFeedback
from .refusals import Refused

REMIND_AGAIN_AFTER = timedelta(days=7)


class FeedbackRefused(Refused):
    """Too many messages from one client within the hour."""


def may_handle_feedback(user) -> bool:
    """Who reads and answers the messages: the platform's operators (platform admins)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def operator_addresses() -> list[str]:
    return [settings.OPERATOR_CONTACT_EMAIL] if settings.OPERATOR_CONTACT_EMAIL else []


def receive_feedback(*, name: str, email: str, page: str, message: str, client: str) -> AccessibilityFeedback:
    """Store a message and mail it to the operator (reply goes to the sender). At most
    ACCESSIBILITY_FEEDBACK_PER_HOUR messages per client and hour (core.limits)."""
    sent = limits.count(limits.key("accessibility-feedback", client), window=3600)
    if sent > settings.ACCESSIBILITY_FEEDBACK_PER_HOUR:
        minutes = limits.minutes_left(3600)
        raise FeedbackRefused(
            ngettext(
                "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Nachrichten. Bitte warten Sie %(minutes)s "
                "Minute oder schreiben Sie uns eine E-Mail.",
                "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Nachrichten. Bitte warten Sie %(minutes)s "
                "Minuten oder schreiben Sie uns eine E-Mail.",
                minutes,
            )
            % {"minutes": minutes}
        )
    with transaction.atomic():
        feedback = AccessibilityFeedback.objects.create(name=name, email=email, page=page, message=message)
    recipients = operator_addresses()
    if recipients:
        EmailMessage(
            subject=_("Rückmeldung zur Barrierefreiheit – Antwort bis %(due)s")
            % {"due": feedback.reply_due.strftime("%d.%m.%Y")},
            body=_(
                "Über die Erklärung zur Barrierefreiheit von %(site)s kam eine Nachricht.\n\n"
                "Von: %(name)s <%(email)s>\nSeite: %(page)s\n\n%(message)s\n\n"
                "Bitte antworten Sie bis %(due)s (ein Monat nach Eingang) und tragen Sie die Antwort in der "
                "Liste der Rückmeldungen ein."
            )
            % {
                "site": settings.SITE_NAME,
                "name": name or "–",
                "email": email,
                "page": page or "–",
                "message": message,
                "due": feedback.reply_due.strftime("%d.%m.%Y"),
            },
            to=recipients,
            reply_to=[email],
        ).send()
    return feedback


def mark_answered(feedback: AccessibilityFeedback, *, by) -> bool:
    """Record that the operator answered; False when it was answered already (nothing changes)."""
    with transaction.atomic():
        changed = AccessibilityFeedback.objects.filter(pk=feedback.pk, answered_at__isnull=True).update(
            answered_at=timezone.now(), answered_by=by.email
        )
        if changed:
            bulk_written(AccessibilityFeedback)
    return bool(changed)


def due_for_reminder(*, now=None):
    """Unanswered messages older than ACCESSIBILITY_REMINDER_AFTER_DAYS not reminded of in the last week."""
    now = now or timezone.now()
    return (
        AccessibilityFeedback.objects.filter(
            answered_at__isnull=True,
            created_at__lte=now - timedelta(days=settings.ACCESSIBILITY_REMINDER_AFTER_DAYS),
        )
        .exclude(reminded_at__gt=now - REMIND_AGAIN_AFTER)
        .order_by("created_at")
    )


def send_reminders(*, now=None) -> int:
    """One mail to the operator listing the messages due for a reminder; the number of messages in it."""
    now = now or timezone.now()
    due = list(due_for_reminder(now=now))
    recipients = operator_addresses()
    if not due or not recipients:
        return 0
    lines = [
        _("- eingegangen %(received)s, Antwort bis %(due)s%(overdue)s: %(email)s – %(start)s")
        % {
            "received": timezone.localtime(feedback.created_at).strftime("%d.%m.%Y"),
            "due": feedback.reply_due.strftime("%d.%m.%Y"),
            "overdue": _(" (überfällig)") if feedback.overdue else "",
            "email": feedback.email,
            "start": feedback.message[:80].replace("\n", " "),
        }
        for feedback in due
    ]
    EmailMessage(
        subject=ngettext(
            "Erinnerung: %(count)s Rückmeldung zur Barrierefreiheit ist noch nicht beantwortet",
            "Erinnerung: %(count)s Rückmeldungen zur Barrierefreiheit sind noch nicht beantwortet",
            len(due),
        )
        % {"count": len(due)},
        body=_(
            "Die folgenden Nachrichten an %(site)s sind seit mehr als %(days)s Tagen ohne Antwort. Die Antwort ist "
            "spätestens einen Monat nach Eingang fällig.\n\n%(lines)s\n"
        )
        % {"site": settings.SITE_NAME, "days": settings.ACCESSIBILITY_REMINDER_AFTER_DAYS, "lines": "\n".join(lines)},
        to=recipients,
    ).send()
    AccessibilityFeedback.objects.filter(pk__in=[feedback.pk for feedback in due]).update(reminded_at=now)
    bulk_written(AccessibilityFeedback)
    return len(due)
