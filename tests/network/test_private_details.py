"""Files and details outside their rule (issue 19, finding 4), each part exactly as reported.

The whole walk (every stored file, every event detail, every role) is tests/test_file_access.py.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.network import events
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.network.models import Event, Partnership, Registration
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory

LINK = "https://konferenz.example/geheim-raum-42"


def _audience(value: str) -> dict:
    """The audience is new with this fix; before it, every event was open to everybody. Asking the model lets
    these tests run against the code before the fix too (where they fail, as the finding says)."""
    return {"audience": value} if any(field.name == "audience" for field in Event._meta.fields) else {}


@pytest.fixture
def world(db):
    admin = UserFactory(is_superuser=True)
    coordinator = UserFactory()
    jena, ilmenau = Territory.objects.get(ags="16053000"), Territory.objects.get(ags="16070029")
    network = network_services.create_network(name="Netz", slug="netz-privat", by=admin)
    network_services.add_member(network, jena, by=admin)
    network_roles.grant_network_role(user=coordinator, network=network)
    return {"admin": admin, "coordinator": coordinator, "network": network, "jena": jena, "ilmenau": ilmenau}


def _event(world, **extra):
    start = timezone.now() + timedelta(days=10)
    return events.create_event(
        network=world["network"], by=world["coordinator"], host=world["jena"], starts_at=start,
        ends_at=start + timedelta(hours=2), **extra,
    )  # fmt: skip


def test_finding_4_a_partnership_agreement_does_not_download_for_anonymous_visitors(client, world):
    partnership = events.create_partnership(
        partners=[world["jena"], world["ilmenau"]], by=world["coordinator"], network=world["network"],
        topic="Rechenzentrum", starts_on=timezone.localdate(),
    )  # fmt: skip
    partnership.agreement.save("vereinbarung.pdf", ContentFile(b"%PDF-1.4\n"))
    url = reverse("network:partnership_agreement", args=[partnership.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    # A partner's editor downloads it and may make it public; then everybody can.
    partner_editor = UserFactory()
    territory_roles.grant_territory_role(user=partner_editor, territory=world["ilmenau"], role=TerritoryRoleKind.EDITOR)
    client.force_login(partner_editor)
    assert client.get(url).status_code == 200
    assert (
        client.post(reverse("network:partnership_publication", args=[partnership.pk]), {"public": "1"}).status_code
        == 302
    )
    assert Partnership.objects.get(pk=partnership.pk).agreement_public
    client.logout()
    assert client.get(url).status_code == 200


def test_finding_4_meeting_links_stay_off_public_event_pages_and_the_public_feed(client, world):
    event = _event(world, kind="webinar", title="Offenes Webinar", online_url=LINK, **_audience("oeffentlich"))
    network = world["network"]
    page = client.get(reverse("network:event", args=[network.slug, event.pk]))
    assert page.status_code == 200 and LINK not in page.content.decode()
    assert LINK not in client.get(reverse("network:events_ics", args=[network.slug])).content.decode()
    assert LINK not in client.get(reverse("network:event_ics", args=[network.slug, event.pk])).content.decode()
    assert client.get(reverse("event-detail", args=[event.pk])).json()["online_url"] == ""
    # A registered participant gets it on the page, in the event's calendar file and in the API.
    participant = UserFactory()
    client.force_login(participant)
    client.post(reverse("network:event_register", args=[network.slug, event.pk]))
    assert LINK in client.get(reverse("network:event", args=[network.slug, event.pk])).content.decode()
    assert LINK in client.get(reverse("network:event_ics", args=[network.slug, event.pk])).content.decode()
    assert client.get(reverse("event-detail", args=[event.pk])).json()["online_url"] == LINK
    assert LINK not in client.get(reverse("network:events_ics", args=[network.slug])).content.decode()


def test_finding_4_a_citizen_cannot_register_for_an_internal_network_meeting(client, world):
    meeting = _event(world, kind="netzwerktreffen", title="Internes Treffen", place="Rathaus", **_audience("netzwerk"))
    citizen = UserFactory()
    client.force_login(citizen)
    response = client.post(reverse("network:event_register", args=[world["network"].slug, meeting.pk]))
    assert not Registration.objects.filter(event=meeting, user=citizen).exists()
    assert response.status_code == 404  # the internal meeting does not exist for her
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert (
        "Internes Treffen"
        not in client.get(reverse("network:events_ics", args=[world["network"].slug])).content.decode()
    )
    # A member territory's editor registers.
    editor = UserFactory()
    territory_roles.grant_territory_role(user=editor, territory=world["jena"], role=TerritoryRoleKind.EDITOR)
    client.force_login(editor)
    assert client.post(reverse("network:event_register", args=[world["network"].slug, meeting.pk])).status_code == 302
    assert Registration.objects.get(event=meeting, user=editor).status == Registration.Status.CONFIRMED


def test_a_coordinator_plans_an_internal_event_by_default(client, world):
    client.force_login(world["coordinator"])
    form = client.get(reverse("network:event_create", args=[world["network"].slug])).context["form"]
    assert form["audience"].value() == "netzwerk"
