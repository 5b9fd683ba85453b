"""Events tell the registered (issue 25): registration, waiting list, moving up, a change and a cancellation,
each with the calendar file of that SEQUENCE — triggered through the pages, read from the outbox."""

from datetime import date

import icalendar
import pytest
from django.urls import reverse

from smartregion.notifications.enums import Kind
from smartregion.notifications.models import OutboxMail

from ..factories import UserFactory
from .conftest import meeting

pytestmark = pytest.mark.django_db


def _calendar(mail) -> icalendar.Event:
    (attachment,) = mail.attachments
    assert attachment["mimetype"] == "text/calendar" and attachment["name"].endswith(".ics")
    return icalendar.Calendar.from_ical(attachment["content"]).walk("VEVENT")[0]


def _edit_data(form) -> dict:
    """The edit form as the browser sends it unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if hasattr(value, "strftime"):
            value = value.strftime("%Y-%m-%dT%H:%M")
        data[name] = "" if value is None else value
        if getattr(field.widget, "input_type", "") == "checkbox" and not value:
            data.pop(name)
    return data


def test_registration_waiting_list_change_and_cancellation_are_mailed_with_the_calendar(
    client, network, members, coordinator
):
    event = meeting(network, members[0], date(2027, 3, 1), capacity=1)
    ben = UserFactory(email="ben@gera.de", language="en")
    clara = UserFactory(email="clara@jena.de")
    register = reverse("events:register", args=[network.slug, event.pk])

    client.force_login(ben)
    client.post(register)
    confirmed = OutboxMail.objects.get(kind=Kind.EVENT_REGISTRATION, to_address=ben.email)
    assert '<html lang="en">' in confirmed.html_body and "/en/konto/benachrichtigungen/" in confirmed.text_body
    assert str(_calendar(confirmed)["SUMMARY"]).startswith(event.title)

    client.force_login(clara)
    client.post(register)
    waiting = OutboxMail.objects.get(kind=Kind.EVENT_REGISTRATION, to_address=clara.email)
    assert "Platz 1 der Warteliste" in waiting.text_body and waiting.attachments == []

    client.force_login(ben)
    client.post(reverse("events:unregister", args=[network.slug, event.pk]))
    moved = OutboxMail.objects.get(kind=Kind.WAITING_LIST)
    assert moved.to_address == clara.email and int(_calendar(moved)["SEQUENCE"]) == 0

    client.force_login(coordinator)
    edit = reverse("events:edit", args=[network.slug, event.pk])
    data = _edit_data(client.get(edit).context["form"])
    data["place"] = "Volkshaus, Saal 2"
    assert client.post(edit, data).status_code == 302
    changed = OutboxMail.objects.get(kind=Kind.EVENT_CHANGED)
    assert changed.to_address == clara.email  # ben has unregistered
    assert int(_calendar(changed)["SEQUENCE"]) == 1 and "Volkshaus, Saal 2" in str(_calendar(changed)["LOCATION"])

    client.post(reverse("events:cancel", args=[network.slug, event.pk]))
    cancelled = OutboxMail.objects.get(kind=Kind.EVENT_CANCELLED)
    vevent = _calendar(cancelled)
    assert (str(vevent["STATUS"]), int(vevent["SEQUENCE"])) == ("CANCELLED", 2)
    assert str(vevent["UID"]) == str(_calendar(confirmed)["UID"])  # the calendar replaces its entry

    client.force_login(clara)  # registering again changes nothing and mails nothing
    before = OutboxMail.objects.count()
    client.post(register)
    assert OutboxMail.objects.count() == before


def test_follow_ups_are_told_when_due_and_when_overdue_once_each(client, network, members, coordinator, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from smartregion.accounts.enums import TerritoryRoleKind
    from smartregion.territories import roles as territory_roles

    jena = next(t for t in members if t.ags == "16053000")
    editor = UserFactory(email="redaktion@jena.de")
    territory_roles.grant_territory_role(user=editor, territory=jena, role=TerritoryRoleKind.EDITOR)
    event = meeting(network, members[0], date(2026, 3, 1))
    today = timezone.localdate()
    client.force_login(coordinator)
    client.post(
        reverse("events:follow_up", args=[network.slug, event.pk]),
        {
            "title": "Datenplattform ausschreiben",
            "owner_territory": jena.pk,
            "due_on": today.isoformat(),
            "status": "offen",
        },
    )
    call_command("send_due_notifications", verbosity=0)
    call_command("send_due_notifications", verbosity=0)  # a second run the same day tells nobody again
    (due,) = OutboxMail.objects.filter(kind=Kind.FOLLOW_UP)
    assert due.to_address == editor.email and due.subject == "Heute fällig: Datenplattform ausschreiben"

    tomorrow = (today + timedelta(days=1)).isoformat()
    call_command("send_due_notifications", day=tomorrow, verbosity=0)
    call_command("send_due_notifications", day=tomorrow, verbosity=0)
    overdue = OutboxMail.objects.filter(kind=Kind.FOLLOW_UP).exclude(pk=due.pk).get()
    assert overdue.subject == "Überfällig: Datenplattform ausschreiben"
    assert not OutboxMail.objects.filter(kind=Kind.FOLLOW_UP, to_address=coordinator.email).exists()
