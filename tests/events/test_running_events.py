"""Events as coordinators run them (issue 20, finding 6): the rotation skips hosts of planned events, a second
event on the same day needs a confirmation, minutes are Markdown, past events cannot be cancelled, attendance
of people who did not register, follow-ups with status and a list per network, members added by name."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from smartregion.events import services as events
from smartregion.events.models import Event, EventKind
from smartregion.events.services import EventRefused, SameDayEvents

from .conftest import _at, meeting

# --- Rotation and a second event on the same day -----------------------------------------------------------


def test_the_proposal_skips_a_member_that_already_hosts_a_planned_event(network, members):
    erfurt, ilmenau, jena, weimar = members
    today = timezone.localdate()
    for number, host in enumerate((erfurt, ilmenau, weimar)):
        meeting(network, host, today - timedelta(days=300 - 30 * number))
    assert events.propose_host(network, today) == jena  # never hosted
    planned = meeting(network, jena, today + timedelta(days=40))
    assert events.propose_host(network, today) == erfurt  # Jena already hosts the next meeting
    row = next(c for c in events.rotation(network, today) if c.territory == jena)
    assert row.planned_on == today + timedelta(days=40) and row.last_hosted is None
    events.cancel_event(planned, by=None)
    assert events.propose_host(network, today) == jena  # a cancelled event is not planned


def test_the_planning_form_proposes_another_host_than_the_planned_meeting(client, coordinator, network, members):
    """The finding: the form proposed the host of the meeting already planned (and its date)."""
    erfurt, ilmenau, jena, weimar = members  # nobody hosted yet: alphabetical, Erfurt first
    today = timezone.localdate()
    meeting(network, erfurt, events.next_meeting_day(today))  # planned with the proposal of that time
    client.force_login(coordinator)
    page = client.get(reverse("events:create", args=[network.slug]))
    assert page.context["form"].initial["host"] == ilmenau
    assert "Vorschlag für den Gastgeber: Ilmenau, Stadt" in page.content.decode()


def _form_data(host, day, **extra):
    return {
        "kind": "netzwerktreffen", "audience": "netzwerk", "title": "Zweites Treffen", "host": host.pk,
        "starts_at": f"{day:%Y-%m-%d}T15:00", "ends_at": f"{day:%Y-%m-%d}T17:00", "place": "Rathaus", **extra,
    }  # fmt: skip


def test_a_second_event_on_the_same_day_is_saved_only_when_confirmed(client, coordinator, network, members):
    day = date(2027, 1, 14)
    first = meeting(network, members[3], day)
    client.force_login(coordinator)
    url = reverse("events:create", args=[network.slug])
    response = client.post(url, _form_data(members[0], day))
    assert response.status_code == 200 and network.events.count() == 1
    page = response.content.decode()
    assert "Am 14.01.2027 hat das Netzwerk schon: „Treffen 2027-01-14“ (Netzwerktreffen, 10:00)" in page
    assert 'name="same_day_confirmed" value="1"' in page and "Trotzdem speichern" in page
    response = client.post(url, _form_data(members[0], day, same_day_confirmed="1"))
    assert response.status_code == 302 and network.events.count() == 2
    events.cancel_event(first, by=None)
    response = client.post(url, _form_data(members[1], day + timedelta(days=7)))
    assert response.status_code == 302  # another day: no question


def test_a_cancelled_event_that_day_does_not_ask_and_the_service_asks_whatever_calls_it(network, members):
    day = date(2027, 2, 11)
    cancelled = meeting(network, members[0], day)
    events.cancel_event(cancelled, by=None)
    meeting(network, members[1], day)  # the cancelled one does not count
    with pytest.raises(SameDayEvents) as refusal:
        meeting(network, members[2], day, kind=EventKind.WORKSHOP)
    assert [other.host for other in refusal.value.others] == [members[1]]
    meeting(network, members[2], day, kind=EventKind.WORKSHOP, same_day_confirmed=True)
    assert network.events.filter(starts_at__date=day).count() == 3


def test_moving_an_event_onto_a_busy_day_asks_but_editing_it_on_its_day_does_not(client, coordinator, network, members):
    busy, other = date(2027, 3, 11), date(2027, 3, 18)
    meeting(network, members[0], busy)
    moved = meeting(network, members[1], other)
    client.force_login(coordinator)
    url = reverse("events:edit", args=[network.slug, moved.pk])
    data = {**_form_data(members[1], busy), "revision": moved.revision}
    response = client.post(url, data)
    assert response.status_code == 200 and "Trotzdem speichern" in response.content.decode()
    moved.refresh_from_db()
    assert moved.starts_at == _at(other)
    assert client.post(url, {**data, "same_day_confirmed": "1"}).status_code == 302
    moved.refresh_from_db()
    assert timezone.localtime(moved.starts_at).date() == busy
    data = {**_form_data(members[1], busy, title="Zweites Treffen, neuer Titel"), "revision": moved.revision}
    assert client.post(url, data).status_code == 302  # stays on its day: no second question


# --- Minutes --------------------------------------------------------------------------------------------------

MINUTES = (
    "# Ergebnisse\n\n- **Rufbus** ab Mai\n- Termin: [Kalender](https://example.org/termin)\n\n<script>alert(1)</script>"
)


def test_minutes_are_rendered_as_sanitised_markdown_on_the_page_and_in_the_report(client, network, members):
    workshop = meeting(network, members[0], date(2027, 2, 1), kind=EventKind.WORKSHOP, minutes=MINUTES)
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert "<h3>Ergebnisse</h3>" in page and "<li><strong>Rufbus</strong> ab Mai</li>" in page
    assert '<a href="https://example.org/termin" rel="noopener noreferrer">Kalender</a>' in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "**Rufbus**" not in page
    report = client.get(reverse("events:workshop_report", args=[network.slug, workshop.pk]))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages)
    assert "Rufbus ab Mai" in text and "**" not in text and "# Ergebnisse" not in text


# --- No cancelling of past events -----------------------------------------------------------------------------


def test_a_past_event_cannot_be_cancelled_and_offers_no_button(client, coordinator, network, members):
    past = meeting(network, members[0], timezone.localdate() - timedelta(days=7))
    client.force_login(coordinator)
    assert "Veranstaltung absagen" not in client.get(past.get_absolute_url()).content.decode()
    response = client.post(reverse("events:cancel", args=[network.slug, past.pk]), follow=True)
    assert "absagen geht nicht mehr" in response.content.decode()
    past.refresh_from_db()
    assert past.status == Event.Status.PLANNED and past.sequence == 0
    with pytest.raises(EventRefused):
        events.cancel_event(past, by=coordinator)
    upcoming = meeting(network, members[1], timezone.localdate() + timedelta(days=7))
    assert "Veranstaltung absagen" in client.get(upcoming.get_absolute_url()).content.decode()
    client.post(reverse("events:cancel", args=[network.slug, upcoming.pk]))
    upcoming.refresh_from_db()
    assert upcoming.status == Event.Status.CANCELLED
