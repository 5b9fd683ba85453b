"""Sending the outbox (ADR 0028). `deliver(mail_id)` sends one mail at most once; `deliver_pending()` sends every
mail that is due (new ones and retries). A task queue wraps these two; without one, `schedule` sends in the
process after the writing transaction commits, and `manage.py send_due_notifications` (or `deliver_mail`) sends the
retries.

Never twice: a mail is claimed by moving it from "wartet" to "sendet" in one conditional UPDATE, so two workers never
send the same row; a process that dies between the SMTP server's acceptance and the write of "gesendet" leaves the
mail in "sendet", where it stays (shown in the admin) rather than being sent again."""

import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from smartregion.core.freshness import bulk_written

from .enums import MailState
from .models import OutboxMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(minutes=2)  # then 8, 32 minutes, about 2 and 8.5 hours


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt."""
    return FIRST_RETRY * (4 ** (attempts - 1))


def deliver(mail_id: int, *, now=None) -> bool:
    """Send one mail if it is waiting and due. True when the SMTP server accepted it now."""
    now = now or timezone.now()
    claimed = OutboxMail.objects.filter(pk=mail_id, state=MailState.PENDING, next_attempt_at__lte=now).update(
        state=MailState.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    bulk_written(OutboxMail)
    mail = OutboxMail.objects.get(pk=mail_id)
    try:
        mail.message().send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        failed = mail.attempts >= MAX_ATTEMPTS
        mail.state = MailState.FAILED if failed else MailState.PENDING
        mail.next_attempt_at = now + backoff(mail.attempts)
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        mail.save(update_fields=["state", "next_attempt_at", "last_error"])
        logger.warning("mail %s attempt %s failed: %s", mail.pk, mail.attempts, mail.last_error)
        return False
    mail.state = MailState.SENT
    mail.sent_at = timezone.now()
    mail.save(update_fields=["state", "sent_at"])
    return True


def deliver_pending(*, now=None) -> int:
    """Send every waiting mail whose time has come (oldest first). Returns how many were sent."""
    now = now or timezone.now()
    due = OutboxMail.objects.filter(state=MailState.PENDING, next_attempt_at__lte=now).order_by("next_attempt_at", "pk")
    return sum(deliver(mail_id, now=now) for mail_id in due.values_list("pk", flat=True))


def schedule(mail: OutboxMail) -> None:
    """Send `mail` once the writing transaction has committed: through the task queue when
    NOTIFICATIONS_ENQUEUE names a function (it receives the mail's id), in this process otherwise.
    NOTIFICATIONS_SEND_AT_ONCE sends inside the transaction (the tests, whose transaction never commits), through
    the task queue's function too when there is one (`make test-production`: the queue's task, run eagerly)."""
    send = import_string(settings.NOTIFICATIONS_ENQUEUE) if settings.NOTIFICATIONS_ENQUEUE else deliver
    if settings.NOTIFICATIONS_SEND_AT_ONCE:
        send(mail.pk)
    else:
        transaction.on_commit(partial(send, mail.pk), robust=True)
