"""Events as coordinators run them (issue 20, finding 6), second part: follow-ups with status, owner and due
date and the network's list of them (overdue first); attendance of people who did not register online."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.events import services as events
from smartregion.events.enums import FollowUpStatus
from smartregion.events.models import EventKind, FollowUp, WalkInAttendee
from smartregion.events.services import EventRefused
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory
from .conftest import meeting


@pytest.fixture
def past_workshop(network, members):
    return meeting(network, members[0], timezone.localdate() - timedelta(days=20), kind=EventKind.WORKSHOP)


def _editor_of(territory):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=territory, role=TerritoryRoleKind.EDITOR)
    return user


def _follow_up(event, by, title, due_in_days, **fields):
    return events.add_follow_up(
        event, by=by, title=title, due_on=timezone.localdate() + timedelta(days=due_in_days), **fields
    )


# --- Follow-ups --------------------------------------------------------------------------------------------


def test_the_follow_up_form_offers_status_owner_and_due_date_and_saves_them(
    client, coordinator, network, members, past_workshop
):
    jena = members[2]
    client.force_login(coordinator)
    page = client.get(past_workshop.get_absolute_url()).content.decode()
    for name in ("title", "owner", "owner_territory", "due_on", "status"):
        assert f'name="{name}"' in page
    due = timezone.localdate() + timedelta(days=14)
    data = {"title": "Rufbus prüfen", "owner": "Anna Beispiel", "owner_territory": jena.pk,
            "due_on": f"{due:%Y-%m-%d}", "status": "in-arbeit"}  # fmt: skip
    response = client.post(reverse("events:follow_up", args=[network.slug, past_workshop.pk]), data)
    assert response.status_code == 302
    item = FollowUp.objects.get(event=past_workshop)
    assert (item.owner, item.owner_territory, item.due_on, item.status) == ("Anna Beispiel", jena, due, "in-arbeit")
    assert item.owner_label == "Anna Beispiel (Jena, Stadt)"


def test_a_follow_up_needs_an_owner_and_only_a_member_territory_can_own_it(coordinator, network, past_workshop):
    with pytest.raises(EventRefused, match="verantwortliche Person oder Kommune"):
        _follow_up(past_workshop, coordinator, "Ohne Verantwortliche", 5)
    outside = Territory.objects.get(ags="09162000")  # München: not a member
    with pytest.raises(EventRefused, match="Mitgliedskommune"):
        _follow_up(past_workshop, coordinator, "Fremd", 5, owner_territory=outside)
    with pytest.raises(EventRefused):
        _follow_up(past_workshop, UserFactory(), "Ohne Recht", 5, owner="Anna")
    assert not FollowUp.objects.exists()


def test_the_event_page_shows_status_and_marks_overdue_follow_ups(client, coordinator, network, past_workshop):
    _follow_up(past_workshop, coordinator, "Verspätet", -3, owner="Anna")
    _follow_up(past_workshop, coordinator, "Erledigt trotz Datum", -3, owner="Ben", status=FollowUpStatus.DONE)
    _follow_up(past_workshop, coordinator, "Noch Zeit", 10, owner="Cem", status=FollowUpStatus.IN_PROGRESS)
    page = client.get(past_workshop.get_absolute_url()).content.decode()
    items = {title: page[page.index(title) :].split("</li>", 1)[0] for title in
             ("Verspätet", "Erledigt trotz Datum", "Noch Zeit")}  # fmt: skip
    assert "überfällig" in items["Verspätet"] and ">offen<" in items["Verspätet"]
    assert "überfällig" not in items["Erledigt trotz Datum"] and ">erledigt<" in items["Erledigt trotz Datum"]
    assert "überfällig" not in items["Noch Zeit"] and ">in Arbeit<" in items["Noch Zeit"]
    report = client.get(reverse("events:workshop_report", args=[network.slug, past_workshop.pk]))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages)
    assert "offen (überfällig)" in text and "in Arbeit" in text


def test_the_coordinator_changes_the_status_and_the_owner_territory_records_where_it_stands(
    client, coordinator, network, members, past_workshop
):
    erfurt, jena = members[0], members[2]
    item = _follow_up(past_workshop, coordinator, "Daten liefern", -1, owner_territory=jena)
    url = reverse("events:follow_up_edit", args=[network.slug, item.pk])
    client.force_login(coordinator)
    page = client.get(url)
    assert page.status_code == 200 and 'name="title"' in page.content.decode()
    data = {"title": "Daten liefern", "owner": "", "owner_territory": jena.pk, "due_on": f"{item.due_on:%Y-%m-%d}",
            "status": "in-arbeit", "note": "angefragt", "revision": item.revision}  # fmt: skip
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.note, item.revision) == ("in-arbeit", "angefragt", 2)

    client.force_login(_editor_of(jena))  # the owner territory's editor: status and note only
    page = client.get(url).content.decode()
    assert 'name="status"' in page and 'name="title"' not in page
    response = client.post(url, {"status": "erledigt", "note": "geliefert", "title": "Anders", "revision": 2})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.note, item.title) == ("erledigt", "geliefert", "Daten liefern")
    assert not item.is_overdue
    with pytest.raises(EventRefused, match="ändert die Koordination"):
        events.update_follow_up(item, expected_revision=item.revision, by=_editor_of(jena), title="Anders")

    client.force_login(_editor_of(erfurt))  # another member's editor
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "offen", "revision": item.revision}).status_code == 403
    item.refresh_from_db()
    assert item.status == "erledigt"


def test_the_network_list_puts_overdue_first_and_filters_by_status(client, coordinator, network, members):
    today = timezone.localdate()
    earlier = meeting(network, members[0], today - timedelta(days=60))
    later = meeting(network, members[1], today - timedelta(days=10))
    _follow_up(later, coordinator, "Offen, später fällig", 30, owner="A")
    _follow_up(earlier, coordinator, "In Arbeit, bald fällig", 2, owner="B", status=FollowUpStatus.IN_PROGRESS)
    _follow_up(later, coordinator, "Überfällig seit gestern", -1, owner="C")
    _follow_up(earlier, coordinator, "Überfällig seit Wochen", -20, owner="D", status=FollowUpStatus.IN_PROGRESS)
    _follow_up(earlier, coordinator, "Erledigt", -40, owner="E", status=FollowUpStatus.DONE)
    url = reverse("events:follow_ups", args=[network.slug])
    client.force_login(coordinator)

    def titles(**params):
        return [item.title for item in client.get(url, params).context["follow_ups"]]

    assert titles() == [
        "Überfällig seit Wochen", "Überfällig seit gestern", "Offen, später fällig", "In Arbeit, bald fällig",
        "Erledigt",
    ]  # fmt: skip
    assert titles(status="ueberfaellig") == ["Überfällig seit Wochen", "Überfällig seit gestern"]
    assert titles(status="in-arbeit") == ["Überfällig seit Wochen", "In Arbeit, bald fällig"]
    assert titles(status="erledigt") == ["Erledigt"]
    assert titles(status="unsinn") == titles()  # an unknown status filters nothing
    page = client.get(url).content.decode()
    assert page.count("kern-badge--danger") == 2


def test_the_network_list_is_for_the_people_in_the_network(client, coordinator, network, members):
    url = reverse("events:follow_ups", args=[network.slug])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(_editor_of(members[1]))
    assert client.get(url).status_code == 200
    event = meeting(network, members[0], timezone.localdate() - timedelta(days=3))
    _follow_up(event, coordinator, "Bericht", 3, owner="A")
    assert url in client.get(event.get_absolute_url()).content.decode()  # a member's person, not the owner
    client.force_login(coordinator)
    for page in (network.get_absolute_url(), reverse("events:list", args=[network.slug])):
        assert url in client.get(page).content.decode()


# --- Attendance without online registration ----------------------------------------------------------------


def test_walk_ins_count_in_the_attendance_and_the_report(client, coordinator, network, members, past_workshop):
    participant = UserFactory()
    territory_roles.grant_territory_role(user=participant, territory=members[0], role=TerritoryRoleKind.EDITOR)
    registration = events.register(past_workshop, user=participant)
    events.save_minutes(past_workshop, minutes="", attended_user_ids={registration.user_id}, by=coordinator)
    client.force_login(coordinator)
    url = reverse("events:walk_in", args=[network.slug, past_workshop.pk])
    assert client.post(url, {"name": "Dora Gast", "organisation": "IHK Erfurt"}).status_code == 302
    assert client.post(url, {"name": "Emil Bürger", "territory": members[2].pk}).status_code == 302
    assert events.attendance(past_workshop) == {"registered": 1, "walk_ins": 2, "total": 3}
    page = client.get(past_workshop.get_absolute_url()).content.decode()
    assert "3 Personen haben teilgenommen (davon 2 ohne Online-Anmeldung)." in page
    assert "Dora Gast, IHK Erfurt" in page and "Emil Bürger (Jena, Stadt)" in page
    report = client.get(reverse("events:workshop_report", args=[network.slug, past_workshop.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages).replace("\n", " ")
    assert "3 Personen haben teilgenommen. Davon 2 ohne Online-Anmeldung." in text
    assert "Dora Gast" not in text  # the report counts, it does not name people

    dora = WalkInAttendee.objects.get(name="Dora Gast")
    remove = reverse("events:walk_in_remove", args=[network.slug, past_workshop.pk, dora.pk])
    assert client.post(remove).status_code == 302
    assert events.attendance(past_workshop)["total"] == 2


def test_only_the_coordination_records_walk_ins(client, network, members, past_workshop):
    editor = _editor_of(members[0])
    client.force_login(editor)
    url = reverse("events:walk_in", args=[network.slug, past_workshop.pk])
    assert client.post(url, {"name": "Fremd"}).status_code == 403
    assert "Teilnahme erfassen" not in client.get(past_workshop.get_absolute_url()).content.decode()
    with pytest.raises(EventRefused):
        events.add_walk_in(past_workshop, name="Fremd", by=editor)
    assert not WalkInAttendee.objects.exists()


def test_a_cancelled_event_takes_no_walk_ins(coordinator, network, members):
    upcoming = meeting(network, members[0], timezone.localdate() + timedelta(days=5))
    events.cancel_event(upcoming, by=coordinator)
    with pytest.raises(EventRefused, match="abgesagt"):
        events.add_walk_in(upcoming, name="Zu spät", by=coordinator)


def test_the_network_list_reads_a_fixed_number_of_queries(client, coordinator, network, members, past_workshop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("events:follow_ups", args=[network.slug])
    client.force_login(coordinator)
    _follow_up(past_workshop, coordinator, "Erste", -1, owner_territory=members[2])
    client.get(url)  # caches filled

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for number in range(6):
        _follow_up(past_workshop, coordinator, f"Aufgabe {number}", number - 3, owner_territory=members[number % 4])
    assert queries() == few
