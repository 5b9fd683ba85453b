"""Notifications by mail through a real SMTP server on loopback (issue 25, ADR 0028): both parts, the headers, the
one-click unsubscribe link, retries after a refusal and never a second copy."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.notifications import delivery
from smartregion.notifications.enums import Delivery, Kind, MailState
from smartregion.notifications.models import DeliverySetting, Notification, OutboxMail
from smartregion.territories import access_requests
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jena_admin(jena):
    admin = UserFactory(email="admin@jena.de")
    territory_roles.grant_territory_role(user=admin, territory=jena, role=TerritoryRoleKind.ADMIN, by=None)
    return admin


@pytest.fixture
def anna(db):
    return UserFactory(email="anna@jena.de", full_name="Anna Antrag", language="en")


def _ask(jena, anna, message="Ich arbeite im Bürgeramt."):
    return access_requests.request_access(
        territory=jena,
        requester=anna,
        role=TerritoryRoleKind.EDITOR,
        message=message,
        base_url="http://testserver",
        language=anna.language,
    )


def _decline(client, admin, request, reason):
    client.force_login(admin)
    response = client.post(reverse("access:request_decline", args=[request.pk]), {"reason": reason})
    assert response.status_code == 302
    client.logout()


def test_a_decision_arrives_with_both_parts_headers_and_a_working_unsubscribe_link(
    client, smtp_server, settings, jena, jena_admin, anna
):
    settings.DEFAULT_FROM_EMAIL = "Smart Region Hub <hub@kommune.example>"
    request = _ask(jena, anna)
    smtp_server.messages.clear()  # the mail to the admin about the new request
    _decline(client, jena_admin, request, "Bitte über das Hauptamt anfragen.")

    ((recipients, message),) = smtp_server.messages
    assert recipients == ["anna@jena.de"]
    assert message["From"].strip() == "Smart Region Hub <hub@kommune.example>"
    assert message["Subject"].strip() == "Your access request for Jena, Stadt has been declined – Smart Region Hub"
    assert message["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith(f"{settings.SITE_URL}/en/konto/benachrichtigungen/abbestellen/")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Bitte über das Hauptamt anfragen." in text and "Bitte über das Hauptamt anfragen." in html
    assert unsubscribe in text and unsubscribe in html
    assert '<html lang="en">' in html

    # one click, without signing in: a GET only shows the button (mail scanners open links), the POST decides
    path = urlsplit(unsubscribe).path
    assert client.get(path).status_code == 200
    assert not DeliverySetting.objects.filter(user=anna).exists()
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DeliverySetting.objects.get(user=anna, kind=Kind.ACCESS_DECISION).delivery == Delivery.OFF

    # the next decision reaches the inbox only
    second = _ask(jena, anna, "Zweiter Versuch.")
    smtp_server.messages.clear()
    _decline(client, jena_admin, second, "Immer noch nicht.")
    assert smtp_server.messages == []
    assert Notification.objects.filter(recipient=anna, kind=Kind.ACCESS_DECISION).count() == 2


def test_a_refused_mail_is_retried_later_and_arrives_once(client, smtp_server, jena, jena_admin, anna):
    request = _ask(jena, anna)
    smtp_server.messages.clear()
    smtp_server.refuse = 1
    _decline(client, jena_admin, request, "Nein.")
    mail = OutboxMail.objects.get(to_address="anna@jena.de")
    assert (mail.state, mail.attempts, smtp_server.messages) == (MailState.PENDING, 1, [])
    assert "451" in mail.last_error
    assert mail.next_attempt_at > timezone.now() + timedelta(minutes=1)

    assert delivery.deliver_pending() == 0  # not yet due
    later = timezone.now() + timedelta(minutes=3)
    assert delivery.deliver_pending(now=later) == 1
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (MailState.SENT, 2)
    assert len(smtp_server.messages) == 1

    assert delivery.deliver_pending(now=later + timedelta(days=1)) == 0
    assert delivery.deliver(mail.pk, now=later + timedelta(days=1)) is False
    assert len(smtp_server.messages) == 1


def test_a_mail_that_keeps_failing_gives_up(smtp_server, jena, jena_admin, anna):
    smtp_server.refuse = 100
    smtp_server.messages.clear()
    _ask(jena, anna)
    mail = OutboxMail.objects.get(to_address="admin@jena.de")
    now = timezone.now()
    for _attempt in range(delivery.MAX_ATTEMPTS):
        now += timedelta(days=1)
        delivery.deliver_pending(now=now)
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, smtp_server.messages) == (MailState.FAILED, delivery.MAX_ATTEMPTS, [])


def test_no_mail_to_an_unconfirmed_address_but_the_inbox_entry(mailoutbox, jena, jena_admin):
    unconfirmed = UserFactory(email="neu@jena.de", email_confirmed_at=None)
    mailoutbox.clear()
    request = _ask(jena, unconfirmed)
    access_requests.decline_access_request(request, by=jena_admin, reason="Nein.", base_url="http://testserver")
    assert Notification.objects.filter(recipient=unconfirmed, kind=Kind.ACCESS_DECISION).exists()
    assert not OutboxMail.objects.filter(to_address="neu@jena.de").exists()
    assert [m.to for m in mailoutbox] == [["admin@jena.de"]]


def test_the_same_event_never_mails_twice(mailoutbox, jena, anna):
    from smartregion.notifications.services import notify

    request = _ask(jena, anna)
    mailoutbox.clear()
    first = notify(anna, Kind.ACCESS_DECISION, request, {"accepted": True, "granted_label": "x"}, key="k1")
    again = notify(anna, Kind.ACCESS_DECISION, request, {"accepted": True, "granted_label": "x"}, key="k1")
    assert first is not None and again is None
    assert len(mailoutbox) == 1


def test_mail_waits_for_the_commit(settings, django_capture_on_commit_callbacks, mailoutbox, jena, jena_admin, anna):
    """Without a task queue the mail is sent in the process once the writing transaction has committed."""
    settings.NOTIFICATIONS_SEND_AT_ONCE = False
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _ask(jena, anna)
        assert mailoutbox == []
        assert OutboxMail.objects.get(to_address="admin@jena.de").state == MailState.PENDING
    assert len(callbacks) == 1
    assert [m.to for m in mailoutbox] == [["admin@jena.de"]]
    assert OutboxMail.objects.get(to_address="admin@jena.de").state == MailState.SENT


def test_the_queue_gets_the_mail_after_commit(
    settings, django_capture_on_commit_callbacks, mailoutbox, jena, jena_admin, anna
):
    settings.NOTIFICATIONS_ENQUEUE = "tests.notifications.test_mail.enqueue"
    settings.NOTIFICATIONS_SEND_AT_ONCE = False
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(jena, anna)
        assert enqueued == []
    assert enqueued == [OutboxMail.objects.get(to_address="admin@jena.de").pk]
    assert mailoutbox == []


enqueued: list[int] = []


def test_in_tests_the_queue_gets_the_mail_at_once(settings, mailoutbox, jena, jena_admin, anna):
    """NOTIFICATIONS_SEND_AT_ONCE (a test's transaction never commits) hands the mail to the queue's function at
    once when there is one: make test-production's broker configuration sends it through deliver_mail."""
    settings.NOTIFICATIONS_ENQUEUE = "smartregion.notifications.tasks.send_later"
    mailoutbox.clear()
    _ask(jena, anna)
    assert OutboxMail.objects.get(to_address="admin@jena.de").state == MailState.SENT
    assert [m.to for m in mailoutbox] == [["admin@jena.de"]]


def enqueue(mail_id: int) -> None:
    """Stands in for the task queue's enqueue: records what it was handed."""
    enqueued.append(mail_id)


def test_the_queue_task_sends_the_mail_once(settings, django_capture_on_commit_callbacks, mailoutbox, jena, jena_admin,
                                            anna):  # fmt: skip
    """With a broker, NOTIFICATIONS_ENQUEUE is notifications.tasks.send_later: the worker's task sends the mail; the
    same task delivered again (acks late, a redelivery) sends nothing more."""
    from smartregion.notifications import tasks

    settings.NOTIFICATIONS_ENQUEUE = "smartregion.notifications.tasks.send_later"  # tasks run eagerly without a broker
    settings.NOTIFICATIONS_SEND_AT_ONCE = False
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(jena, anna)
        assert mailoutbox == []
    mail = OutboxMail.objects.get(to_address="admin@jena.de")
    assert mail.state == MailState.SENT and [m.to for m in mailoutbox] == [["admin@jena.de"]]
    assert tasks.deliver_mail.apply(args=[mail.pk]).get() is False  # a second delivery of the task
    assert tasks.deliver_pending_mail.apply().get() == 0
    assert len(mailoutbox) == 1
