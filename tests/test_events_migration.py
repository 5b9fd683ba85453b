"""Events, follow-ups and partnerships leave network for their own app without losing a row (issue 23, ADR 0024).

An installation at the old state (the models in network) with rows in every moved table is migrated forward; the
rows are then read through the events app's models, history rows included, a notification about an event still
finds it (its content type moved along), and the move can be undone and done again.

Migrations run for real (MigrationExecutor): a transactional test, run by pytest-django after the others.
"""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("network", "0006_roles_and_invitations_from_accounts"), ("events", None)]
MOVING_APPS = {"network", "events"}
MOVED_TABLES = {
    "network_event", "network_historicalevent", "network_agendaitem", "network_registration",
    "network_historicalregistration", "network_followup", "network_historicalfollowup", "network_walkinattendee",
    "network_historicalwalkinattendee", "network_hostdecline", "network_workshopcard", "network_partnership",
    "network_historicalpartnership", "network_partnership_partners",
}  # fmt: skip


def _migrate(targets):
    """Migrate network and events to `targets`; the models of every app as they are then."""
    executor = MigrationExecutor(connection)
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in MOVING_APPS]
    executor.migrate(targets)
    nodes = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes + others).apps


def _latest():
    return [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] in MOVING_APPS]


def _old_rows(old) -> dict:
    """Rows of every moved model, written through the models as they were in network."""
    now = timezone.now()
    model = lambda name: old.get_model("network", name)  # noqa: E731
    user = old.get_model("accounts", "User").objects.create(email="treffen@kommune.example", password="!")
    # its own rows: a transactional test after others may find the database emptied of the test world
    territory = old.get_model("territories", "Territory").objects.create(
        code="169990000002", ars="169990000002", name="Treffdorf", short_name="Treffdorf", search_name="treffdorf",
        kind="gemeinde",
    )  # fmt: skip
    version = old.get_model("taxonomy", "TaxonomyVersion").objects.create(version="umzug-1", title="Umzug")
    domain = old.get_model("taxonomy", "Domain").objects.create(
        key="umzug-feld", introduced_in=version, label_de="Umzugsfeld", label_en="Moving", position=99
    )
    network = model("Network").objects.create(name="Treffnetz", slug="treffnetz")
    event = model("Event").objects.create(
        network=network,
        title="Netzwerktreffen im Umzug",
        host=territory,
        starts_at=now,
        ends_at=now + timedelta(hours=2),
    )
    model("HistoricalEvent").objects.create(
        id=event.pk, network_id=network.pk, title=event.title, kind="netzwerktreffen", audience="netzwerk",
        starts_at=event.starts_at, ends_at=event.ends_at, status="geplant", sequence=0, revision=1, created_at=now,
        history_date=now, history_type="+",
    )  # fmt: skip
    model("AgendaItem").objects.create(event=event, position=1, title="Begrüßung")
    registration = model("Registration").objects.create(event=event, user=user, status="bestaetigt")
    follow_up = model("FollowUp").objects.create(event=event, title="Protokoll versenden", due_on=date(2027, 1, 15))
    model("WalkInAttendee").objects.create(event=event, name="Gast ohne Anmeldung")
    model("HostDecline").objects.create(network=network, territory=territory, until=date(2027, 6, 30))
    model("WorkshopCard").objects.create(event=event, territory=territory, domain=domain, text="Glasfaser fehlt")
    partnership = model("Partnership").objects.create(topic="Gemeinsames Rechenzentrum", starts_on=date(2026, 1, 1))
    partnership.partners.add(territory)
    event_type = old.get_model("contenttypes", "ContentType").objects.get(app_label="network", model="event")
    old.get_model("notifications", "Notification").objects.create(
        recipient=user, kind="anmeldung", content_type=event_type, object_id=event.pk,
        subject="Abgesagt", body="…", key="treffen-umzug",
    )  # fmt: skip
    return {
        "event": event.pk,
        "event_type": event_type.pk,
        "registration": registration.pk,
        "follow_up": follow_up.pk,
        "partnership": partnership.pk,
        "territory": territory.pk,
        "network": network.pk,
    }


def test_the_moved_models_keep_their_tables_rows_history_and_content_types():
    latest = _latest()
    old = _migrate(BEFORE)
    assert "event" in old.all_models["network"]  # the state before the move
    ids = _old_rows(old)

    _migrate(latest)
    ContentType.objects.clear_cache()

    from smartregion.events.models import (
        AgendaItem,
        Event,
        FollowUp,
        HostDecline,
        Partnership,
        Registration,
        WalkInAttendee,
        WorkshopCard,
    )
    from smartregion.notifications.models import Notification

    assert set(connection.introspection.table_names()) >= MOVED_TABLES
    event = Event.objects.get(pk=ids["event"])
    assert (event.title, event.network_id, event.host_id) == (
        "Netzwerktreffen im Umzug",
        ids["network"],
        ids["territory"],
    )
    assert list(Event.history.filter(id=event.pk).values_list("history_type", flat=True)) == ["+"]
    assert list(AgendaItem.objects.filter(event=event).values_list("title", flat=True)) == ["Begrüßung"]
    assert Registration.objects.get(pk=ids["registration"]).event_id == event.pk
    assert FollowUp.objects.get(pk=ids["follow_up"]).title == "Protokoll versenden"
    assert list(WalkInAttendee.objects.filter(event=event).values_list("name", flat=True)) == ["Gast ohne Anmeldung"]
    assert HostDecline.objects.get(network_id=ids["network"]).until == date(2027, 6, 30)
    assert WorkshopCard.objects.get(event=event).text == "Glasfaser fehlt"
    partnership = Partnership.objects.get(pk=ids["partnership"])
    assert list(partnership.partners.values_list("pk", flat=True)) == [ids["territory"]]

    # a notification about the event still finds it: the content type moved to events with its id
    assert ContentType.objects.get_for_model(Event).pk == ids["event_type"]
    assert Notification.objects.get(key="treffen-umzug").target == event
    assert not ContentType.objects.filter(app_label="network", model="event").exists()


def test_the_move_can_be_undone_and_done_again():
    """Backwards (a rollback of a release) and forwards again: the content types go back and forth."""
    latest = _latest()
    _migrate(latest)
    ContentType.objects.get_or_create(app_label="events", model="partnership")  # as post_migrate left it
    old = _migrate(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType")
    assert content_type.objects.filter(app_label="network", model="partnership").exists()
    assert not content_type.objects.filter(app_label="events", model="partnership").exists()
    _migrate(latest)
    ContentType.objects.clear_cache()
    assert ContentType.objects.filter(app_label="events", model="partnership").exists()
    assert not ContentType.objects.filter(app_label="network", model="partnership").exists()
