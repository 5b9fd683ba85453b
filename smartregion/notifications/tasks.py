"""Mail of the notifications through the task queue (ADR 0026, ADR 0028).

With a broker, NOTIFICATIONS_ENQUEUE defaults to `send_later`: a new outbox mail goes to a worker after the
writing transaction has committed. The outbox keeps the state, so a task delivered twice sends once
(`delivery.deliver`); `deliver_pending` (every few minutes, from beat) retries what an SMTP failure left
waiting, and the daily job sends what is due (follow-ups, deadlines of watched programmes, digests).
"""

from celery import shared_task
from django.core.management import call_command

from . import delivery


@shared_task(bind=True, max_retries=3, retry_backoff=True)
def deliver_mail(self, mail_id: int) -> bool:
    return delivery.deliver(mail_id)


def send_later(mail_id: int) -> None:
    """NOTIFICATIONS_ENQUEUE's target with a broker: called after commit with the new mail's id."""
    deliver_mail.delay(mail_id)


@shared_task
def deliver_pending_mail() -> int:
    return delivery.deliver_pending()


@shared_task
def send_due_notifications() -> None:
    call_command("send_due_notifications")
