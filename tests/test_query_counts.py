"""Query counts of list pages that had no pin, in one place (as NetBox keeps them).

Each page is read twice with one item and twice with three, as a signed-in person (the visitor page
cache does not answer them); the second read of each is counted, when the kept parts are built. The
count must be the same for one and three items (no query per row) and is pinned exactly.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smartregion.agendas import services as agenda_services
from smartregion.core.models import AccessibilityFeedback
from smartregion.events import services as events
from smartregion.events.enums import EventAudience
from smartregion.events.models import EventKind
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.glossary import services as glossary_services
from smartregion.network import services as network_services

from .factories import UserFactory
from .querycounts import SESSION_READ

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


# Queries of each page, the same for one and three items: the session (none when `cached_db` finds it in Redis,
# tests/querycounts.py), the user, then the page's own reads.
GLOSSARY = SESSION_READ + 2
DEADLINES = SESSION_READ + 3
NETWORKS = SESSION_READ + 2
EVENTS = SESSION_READ + 10
AGENDAS = SESSION_READ + 5
ACCESSIBILITY_FEEDBACK = SESSION_READ + 2


def _steady_count(client, url, shown: str) -> int:
    assert client.get(url).status_code == 200  # builds what the page keeps
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and shown in response.content.decode()
    return len(queries)


def _counts(client, url, add, name) -> tuple[int, int]:
    """The page's queries with one item and with three (`name(n)` is the text of item n on the page)."""
    add(0)
    one = _steady_count(client, url, name(0))
    add(1)
    add(2)
    return one, _steady_count(client, url, name(2))


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory(is_superuser=True))  # sees drafts too: every item is listed
    return client


def test_glossary(signed_in):
    def add(number):
        glossary_services.create_term(
            by=None, slug=f"begriff-{number}", term_de=f"Begriff {number}", term_en=f"Term {number}",
            definition_de="Erklärung.", definition_en="Definition.",
        )  # fmt: skip

    assert _counts(signed_in, reverse("glossary:list"), add, lambda n: f"Begriff {n}") == (GLOSSARY, GLOSSARY)


def test_accessibility_feedback(signed_in):
    def add(number):
        AccessibilityFeedback.objects.create(email=f"person{number}@example.org", message=f"Barriere {number}")

    counts = _counts(signed_in, reverse("core:accessibility_feedback"), add, lambda n: f"Barriere {n}")
    assert counts == (ACCESSIBILITY_FEEDBACK, ACCESSIBILITY_FEEDBACK)


def test_deadlines(signed_in):
    today = timezone.localdate()

    def add(number):
        programme = FundingProgramme.objects.create(
            code=f"Q-{number}", name=f"Programm {number}", level="Bund", status="offen"
        )
        Deadline.objects.create(programme=programme, closes_on=today + timedelta(days=10 + number), label="Aufruf")

    assert _counts(signed_in, reverse("funding:deadlines"), add, lambda n: f"Programm {n}") == (DEADLINES, DEADLINES)


def test_network_list(signed_in, jena):
    def add(number):
        network = network_services.create_network(name=f"Netzwerk {number}", slug=f"netzwerk-{number}")
        network_services.add_member(network, jena, by=None)

    assert _counts(signed_in, reverse("network:list"), add, lambda n: f"Netzwerk {n}") == (NETWORKS, NETWORKS)


def test_events(signed_in, jena):
    network = network_services.create_network(name="Netzwerk", slug="netzwerk")
    network_services.add_member(network, jena, by=None)

    def add(number):
        day = date.today() + timedelta(days=7 * (number + 1))
        events.create_event(
            network=network, by=None, kind=EventKind.MEETING, title=f"Treffen {number}", host=jena,
            starts_at=datetime(day.year, day.month, day.day, 10, tzinfo=BERLIN),
            ends_at=datetime(day.year, day.month, day.day, 14, tzinfo=BERLIN), place="Rathaus",
            audience=EventAudience.PUBLIC,
        )  # fmt: skip

    assert _counts(signed_in, reverse("events:list", args=[network.slug]), add, lambda n: f"Treffen {n}") == (
        EVENTS,
        EVENTS,
    )


def test_agenda_list(signed_in, jena):
    def add(number):
        agenda_services.create_agenda(
            territory=jena, title=f"Digitalagenda {number}", start_year=2025 + number, target_year=2030, by=None
        )

    assert _counts(signed_in, reverse("agendas:list"), add, lambda n: f"Digitalagenda {n}") == (AGENDAS, AGENDAS)
