"""`send_due_notifications --day` sends that day's digest (ADR 0028). The notifications' backup round trip is in
tests/core/test_core.py (the one test that empties the database)."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from smartregion.notifications import services
from smartregion.notifications.enums import Delivery, Kind
from smartregion.notifications.models import Notification, OutboxMail

from ..factories import UserFactory

REPLY = {"author": "Bea Bürgerin", "place": "Beteiligung – Vision", "excerpt": "Gute Idee"}


@pytest.mark.django_db
def test_the_day_option_sends_that_days_digest(jena):
    anna = UserFactory(email="anna@jena.de")
    services.set_delivery(user=anna, kind=Kind.REPLY, delivery=Delivery.DIGEST, by=anna)
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    context = REPLY
    old = services.notify(anna, Kind.REPLY, jena, context, key="gestern")
    new = services.notify(anna, Kind.REPLY, jena, context, key="heute")
    Notification.objects.filter(pk=old.pk).update(
        created_at=timezone.make_aware(datetime.combine(yesterday, datetime.min.time())) + timedelta(hours=9)
    )

    # the run of yesterday was missed: caught up, it carries yesterday's entry only, dated yesterday
    call_command("send_due_notifications", day=yesterday.isoformat(), verbosity=0)
    digest = OutboxMail.objects.get(kind="zusammenfassung")
    assert yesterday.strftime("%d.%m.%Y") in digest.subject
    assert digest.key.endswith(yesterday.isoformat())
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.digested_at is not None and new.digested_at is None

    call_command("send_due_notifications", day=yesterday.isoformat(), verbosity=0)  # again: nothing new
    assert OutboxMail.objects.filter(kind="zusammenfassung").count() == 1

    call_command("send_due_notifications", verbosity=0)  # today's run carries the rest
    today_digest = OutboxMail.objects.filter(kind="zusammenfassung").exclude(pk=digest.pk).get()
    assert today.strftime("%d.%m.%Y") in today_digest.subject
    new.refresh_from_db()
    assert new.digested_at is not None

    # an entry made after today's digest waits for tomorrow's (it is not marked as sent)
    later = services.notify(anna, Kind.REPLY, jena, context, key="spaeter")
    call_command("send_due_notifications", verbosity=0)
    later.refresh_from_db()
    assert later.digested_at is None
    assert OutboxMail.objects.filter(kind="zusammenfassung").count() == 2
