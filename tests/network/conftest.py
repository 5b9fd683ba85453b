"""Fixtures of the network tests: a Thuringian network with four members and its coordinator, and events."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from smartregion.network import events
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.network.enums import EventAudience
from smartregion.network.models import EventKind
from smartregion.territories.models import Territory

from ..factories import UserFactory

BERLIN = ZoneInfo("Europe/Berlin")
PUBLIC = EventAudience.PUBLIC


@pytest.fixture
def coordinator(db):
    return UserFactory(full_name="Clara Koordination")


@pytest.fixture
def members(db):
    return list(Territory.objects.filter(ags__in=["16053000", "16051000", "16055000", "16070029"]).order_by("name"))


@pytest.fixture
def network(coordinator, members):
    network = network_services.create_network(name="Netz Thüringen", slug="netz-th", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    for territory in members:
        network_services.add_member(network, territory, by=coordinator)
    return network


def _at(day: date, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def meeting(network, host, day, *, by=None, capacity=None, kind=EventKind.MEETING, audience=PUBLIC, **extra):
    """A public event unless said otherwise (the model's default is internal)."""
    return events.create_event(
        network=network, by=by, kind=kind, title=f"Treffen {day}", host=host, starts_at=_at(day),
        ends_at=_at(day, 14), place="Rathaus", capacity=capacity, audience=audience, **extra,
    )  # fmt: skip
