"""Network events: host rotation, registration with a waiting list, iCalendar, workshop cards, partnerships."""

from datetime import date, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from smartregion.events import services as events
from smartregion.events.calendar import network_calendar
from smartregion.events.models import Event, EventKind, Registration
from smartregion.events.services import EventRefused
from smartregion.needs.models import Need
from smartregion.taxonomy.models import Domain

from ..factories import UserFactory
from ..querycounts import KEPT_COLD
from .conftest import _at, meeting


def test_the_rotation_proposes_who_hosted_longest_ago_and_skips_declines(network, members):
    erfurt, gera, ilmenau, jena = members  # alphabetical: Erfurt, Gera, Ilmenau, Jena (Stadt)
    today = date(2026, 11, 30)
    meeting(network, jena, date(2025, 3, 1))
    meeting(network, erfurt, date(2025, 6, 1))
    meeting(network, gera, date(2025, 9, 1))
    cancelled = meeting(network, ilmenau, date(2025, 12, 1))
    Event.objects.filter(pk=cancelled.pk).update(status=Event.Status.CANCELLED)  # a cancelled meeting: not hosted
    assert events.propose_host(network, today) == ilmenau  # never hosted
    events.decline_hosting(network, ilmenau, until=date(2027, 6, 30), note="Haushaltssperre")
    assert events.propose_host(network, today) == jena  # hosted longest ago
    meeting(network, jena, date(2026, 12, 1))  # in the future: not hosted yet, but Jena already hosts one
    assert events.propose_host(network, today) == erfurt
    rows = {c.territory: (c.last_hosted, c.declined_until, c.planned_on) for c in events.rotation(network, today)}
    assert rows[jena] == (date(2025, 3, 1), None, date(2026, 12, 1))
    assert rows[ilmenau] == (None, date(2027, 6, 30), None)
    assert events.propose_host(network, date(2027, 7, 1)) == ilmenau  # the decline has run out


def test_past_capacity_goes_to_the_waiting_list_and_moves_up_on_cancellation(network, members):
    event = meeting(network, members[0], date(2027, 3, 1), capacity=2)
    first, second, third, fourth = (UserFactory() for _ in range(4))
    assert events.register(event, user=first).status == Registration.Status.CONFIRMED
    assert events.register(event, user=second).status == Registration.Status.CONFIRMED
    waiting = events.register(event, user=third)
    assert waiting.status == Registration.Status.WAITING and events.waiting_position(waiting) == 1
    assert events.waiting_position(events.register(event, user=fourth)) == 2
    assert events.register(event, user=third).pk == waiting.pk  # registering twice changes nothing
    moved = events.cancel_registration(event, user=first)
    assert [registration.user for registration in moved] == [third]
    statuses = dict(event.registrations.values_list("user_id", "status"))
    assert statuses == {first.pk: "storniert", second.pk: "bestaetigt", third.pk: "bestaetigt", fourth.pk: "warteliste"}
    assert events.waiting_position(Registration.objects.get(event=event, user=fourth)) == 1


def test_more_capacity_moves_the_waiting_list_up(network, members):
    event = meeting(network, members[0], date(2027, 3, 1), capacity=1)
    users = [UserFactory() for _ in range(3)]
    for user in users:
        events.register(event, user=user)
    events.update_event(event, expected_revision=event.revision, by=None, capacity=3)
    assert event.registrations.filter(status="bestaetigt").count() == 3


def test_the_ics_parses_and_updates_keep_the_uid_and_raise_the_sequence(client, network, members):
    event = meeting(network, members[3], date(2027, 3, 1), description="Mit Mittagessen; Anmeldung, bitte")
    url = reverse("events:ics", args=[network.slug, event.pk])
    first = icalendar.Calendar.from_ical(client.get(url).content)
    vevent = first.walk("VEVENT")[0]
    assert vevent["DTSTART"].dt == _at(date(2027, 3, 1)) and str(vevent["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert first.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert vevent["DTSTAMP"].dt.tzinfo is not None and int(vevent["SEQUENCE"]) == 0
    assert str(vevent["DESCRIPTION"]).startswith("Mit Mittagessen; Anmeldung, bitte")
    uid = str(vevent["UID"])
    events.update_event(event, expected_revision=event.revision, by=None, starts_at=_at(date(2027, 3, 2)),
                        ends_at=_at(date(2027, 3, 2), 14))  # fmt: skip
    event.refresh_from_db()
    events.update_event(event, expected_revision=event.revision, by=None, capacity=20)  # not a calendar change
    second = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert str(second["UID"]) == uid and int(second["SEQUENCE"]) == 1
    events.cancel_event(event, by=None)
    feed = icalendar.Calendar.from_ical(client.get(reverse("events:list_ics", args=[network.slug])).content)
    cancelled = feed.walk("VEVENT")[0]
    assert str(cancelled["UID"]) == uid and str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 2


def test_the_feed_reads_one_query_whatever_its_size(network, members, django_assert_num_queries):
    for number in range(30):
        meeting(network, members[number % 4], date(2027, 1, 1) + timedelta(days=number))
    with django_assert_num_queries(1):
        text = network_calendar(network, base_url="https://hub.example")
    assert text.count("BEGIN:VEVENT") == 30 and all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_network_page_reads_its_upcoming_events_in_one_query(client, network, members):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("network:detail", args=[network.slug])
    soon = timezone.localdate() + timedelta(days=10)
    client.get(url)  # the Länder outlines are read once per process
    meeting(network, members[0], soon)  # each change below renders the kept overview again
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(1, 3):
        meeting(network, members[number], soon + timedelta(days=number))
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert page.count("/veranstaltungen/") >= 3
    assert len(three) == len(one)


def test_workshop_cards_become_needs_and_the_report_lists_them(client, coordinator, network, members):
    workshop = meeting(network, members[0], date(2027, 2, 1), kind=EventKind.WORKSHOP)
    domain = Domain.objects.get(key="mobilitaet")
    card = events.add_card(workshop, territory=members[1], domain=domain, text="Kein Bus nach 20 Uhr", by=coordinator)
    events.vote(card)
    events.vote(card)
    need = Need.objects.get(pk=card.need_id)
    assert need.territory == members[1] and need.origin == "workshop" and list(need.domains.all()) == [domain]
    events.add_follow_up(workshop, by=coordinator, title="Rufbus prüfen", owner="Landkreis", due_on=date(2027, 4, 1))
    response = client.get(reverse("events:workshop_report", args=[network.slug, workshop.pk]))
    import io

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kein Bus nach 20 Uhr" in text and "Rufbus prüfen" in text and "2" in text
    with pytest.raises(EventRefused):
        events.add_card(meeting(network, members[0], date(2027, 2, 2)), territory=members[1], domain=domain,
                        text="x", by=coordinator)  # fmt: skip


def test_a_coordinator_plans_with_the_proposed_host_and_a_member_registers(client, coordinator, network, members):
    client.force_login(coordinator)
    form = client.get(reverse("events:create", args=[network.slug]))
    proposal = events.propose_host(network, timezone.localdate())
    assert f"Vorschlag für den Gastgeber: {proposal.name}" in form.content.decode()
    initial = form.context["form"].initial
    response = client.post(
        reverse("events:create", args=[network.slug]),
        {"kind": "netzwerktreffen", "audience": "oeffentlich", "title": initial["title"], "host": proposal.pk,
         "starts_at": "2027-01-14T10:00", "ends_at": "2027-01-14T14:00", "place": "Rathaus",
         "capacity": "1", "agenda": "Begrüßung\nBerichte aus den Kommunen"},
    )  # fmt: skip
    assert response.status_code == 302
    event = network.events.get()
    assert event.host == proposal and event.starts_at == _at(date(2027, 1, 14))
    assert [item.title for item in event.agenda_items.all()] == ["Begrüßung", "Berichte aus den Kommunen"]
    member, late = UserFactory(), UserFactory()
    client.force_login(member)
    client.post(reverse("events:register", args=[network.slug, event.pk]))
    client.force_login(late)
    client.post(reverse("events:register", args=[network.slug, event.pk]))
    assert "Warteliste (Platz 1)" in client.get(event.get_absolute_url()).content.decode()
    assert client.get(reverse("events:edit", args=[network.slug, event.pk])).status_code == 403


def test_partnerships_need_two_partners_and_show_on_territory_pages(client, coordinator, network, members):
    with pytest.raises(EventRefused):
        events.create_partnership(partners=[members[0]], by=coordinator, topic="x", starts_on=date(2026, 1, 1))
    events.create_partnership(partners=members[:2], by=coordinator, topic="Gemeinsames Rechenzentrum",
                              starts_on=date(2026, 1, 1), network=network)  # fmt: skip
    page = client.get(members[0].get_absolute_url()).content.decode()
    assert "Gemeinsames Rechenzentrum" in page and members[1].name in page
    assert "Gemeinsames Rechenzentrum" in client.get(reverse("events:list", args=[network.slug])).content.decode()


def test_the_next_meeting_defaults_to_the_second_thursday_of_the_next_quarter():
    assert events.next_meeting_day(date(2026, 11, 30)) == date(2027, 1, 14)
    assert events.next_meeting_day(date(2027, 1, 14)) == date(2027, 4, 8)
    assert all(events.next_meeting_day(date(2027, month, 1)).weekday() == 3 for month in range(1, 13))


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    from smartregion.core.ical import fold

    line = "DESCRIPTION:" + "Bürgerbeteiligung über Ämtergrenzen – " * 8
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if index else part for index, part in enumerate(parts)) == line


def test_the_events_api_is_public_and_reads_a_fixed_number_of_queries(
    client, network, members, django_assert_max_num_queries
):
    for number in range(8):
        meeting(network, members[number % 4], date(2027, 1, 1) + timedelta(days=number), agenda_items=["A", "B"])
    with django_assert_max_num_queries(3 + 2 + KEPT_COLD):  # + the rate limit's counter (ADR 0019), the kept list
        data = client.get(reverse("event-list"), {"network": network.slug}).json()
    assert data["count"] == 8 and data["results"][0]["agenda"] == ["A", "B"]
    assert data["results"][0]["ics"].endswith(f"/veranstaltungen/{data['results'][0]['id']}.ics")


def test_calendar_uids_follow_site_url_not_the_host_name(client, network, members, settings):
    """The same event fetched as localhost and as 127.0.0.1 has one UID (and one link), from SITE_URL."""
    settings.SITE_URL = "https://hub.example.org"
    event = meeting(network, members[2], date(2027, 5, 3))
    feeds = [
        reverse("events:ics", args=[network.slug, event.pk]),
        reverse("events:list_ics", args=[network.slug]),
    ]
    for url in feeds:
        answers = [icalendar.Calendar.from_ical(client.get(url, HTTP_HOST=host).content).walk("VEVENT")
                   for host in ("localhost", "127.0.0.1")]  # fmt: skip
        uids = [{str(item["UID"]) for item in answer} for answer in answers]
        assert uids[0] == uids[1] and f"event-{event.pk}@hub.example.org" in uids[0]
        links = {
            str(item["URL"])
            for answer in answers
            for item in answer
            if str(item["UID"]).startswith(f"event-{event.pk}@")
        }
        assert links == {f"https://hub.example.org{event.get_absolute_url()}"}
