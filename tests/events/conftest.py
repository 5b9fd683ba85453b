"""Fixtures of the event tests: the network tests' Thuringian network with four members and its coordinator,
and meetings in it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from smartregion.events import services as events
from smartregion.events.enums import EventAudience
from smartregion.events.models import EventKind

from ..network.conftest import coordinator, members, network  # noqa: F401 - the same fixtures here

BERLIN = ZoneInfo("Europe/Berlin")
PUBLIC = EventAudience.PUBLIC


def _at(day: date, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def meeting(in_network, host, day, *, by=None, capacity=None, kind=EventKind.MEETING, audience=PUBLIC, **extra):
    """A public event unless said otherwise (the model's default is internal)."""
    return events.create_event(
        network=in_network, by=by, kind=kind, title=f"Treffen {day}", host=host, starts_at=_at(day),
        ends_at=_at(day, 14), place="Rathaus", capacity=capacity, audience=audience, **extra,
    )  # fmt: skip
