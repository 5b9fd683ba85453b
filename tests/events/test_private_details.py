"""Files and details outside their rule (issue 19, finding 4), each part exactly as reported.

The whole walk (every stored file, every event detail, every role) is tests/test_file_access.py.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.events import services as events
from smartregion.events.models import Event, Partnership, Registration
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory

LINK = "https://konferenz.example/geheim-raum-42"


def _audience(value: str) -> dict:
    """The audience is new with this fix; before it, every event was open to everybody. Asking the model lets
    these tests run against the code before the fix too (where they fail, as the finding says)."""
    return {"audience": value} if any(field.name == "audience" for field in Event._meta.fields) else {}


@pytest.fixture
def private_details(db):
    admin = UserFactory(is_superuser=True)
    coordinator = UserFactory()
    jena, ilmenau = Territory.objects.get(ags="16053000"), Territory.objects.get(ags="16070029")
    network = network_services.create_network(name="Netz", slug="netz-privat", by=admin)
    network_services.add_member(network, jena, by=admin)
    network_roles.grant_network_role(user=coordinator, network=network)
    return {"admin": admin, "coordinator": coordinator, "network": network, "jena": jena, "ilmenau": ilmenau}


def _event(private_details, **extra):
    start = timezone.now() + timedelta(days=10)
    return events.create_event(
        network=private_details["network"], by=private_details["coordinator"], host=private_details["jena"],
        starts_at=start, ends_at=start + timedelta(hours=2), **extra,
    )  # fmt: skip


def test_finding_4_a_partnership_agreement_does_not_download_for_anonymous_visitors(client, private_details):
    partnership = events.create_partnership(
        partners=[private_details["jena"], private_details["ilmenau"]], by=private_details["coordinator"],
        network=private_details["network"],
        topic="Rechenzentrum", starts_on=timezone.localdate(),
    )  # fmt: skip
    partnership.agreement.save("vereinbarung.pdf", ContentFile(b"%PDF-1.4\n"))
    url = reverse("events:partnership_agreement", args=[partnership.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    # A partner's editor downloads it and may make it public; then everybody can.
    partner_editor = UserFactory()
    territory_roles.grant_territory_role(
        user=partner_editor, territory=private_details["ilmenau"], role=TerritoryRoleKind.EDITOR
    )
    client.force_login(partner_editor)
    assert client.get(url).status_code == 200
    assert (
        client.post(reverse("events:partnership_publication", args=[partnership.pk]), {"public": "1"}).status_code
        == 302
    )
    assert Partnership.objects.get(pk=partnership.pk).agreement_public
    client.logout()
    assert client.get(url).status_code == 200


def test_finding_4_meeting_links_stay_off_public_event_pages_and_the_public_feed(client, private_details):
    event = _event(
        private_details, kind="webinar", title="Offenes Webinar", online_url=LINK, **_audience("oeffentlich")
    )
    network = private_details["network"]
    page = client.get(reverse("events:detail", args=[network.slug, event.pk]))
    assert page.status_code == 200 and LINK not in page.content.decode()
    assert LINK not in client.get(reverse("events:list_ics", args=[network.slug])).content.decode()
    assert LINK not in client.get(reverse("events:ics", args=[network.slug, event.pk])).content.decode()
    assert client.get(reverse("event-detail", args=[event.pk])).json()["online_url"] == ""
    # A registered participant gets it on the page, in the event's calendar file and in the API.
    participant = UserFactory()
    client.force_login(participant)
    client.post(reverse("events:register", args=[network.slug, event.pk]))
    assert LINK in client.get(reverse("events:detail", args=[network.slug, event.pk])).content.decode()
    assert LINK in client.get(reverse("events:ics", args=[network.slug, event.pk])).content.decode()
    assert client.get(reverse("event-detail", args=[event.pk])).json()["online_url"] == LINK
    assert LINK not in client.get(reverse("events:list_ics", args=[network.slug])).content.decode()


def test_finding_4_a_citizen_cannot_register_for_an_internal_network_meeting(client, private_details):
    meeting = _event(
        private_details, kind="netzwerktreffen", title="Internes Treffen", place="Rathaus", **_audience("netzwerk")
    )
    citizen = UserFactory()
    client.force_login(citizen)
    response = client.post(reverse("events:register", args=[private_details["network"].slug, meeting.pk]))
    assert not Registration.objects.filter(event=meeting, user=citizen).exists()
    assert response.status_code == 404  # the internal meeting does not exist for her
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert (
        "Internes Treffen"
        not in client.get(reverse("events:list_ics", args=[private_details["network"].slug])).content.decode()
    )
    # A member territory's editor registers.
    editor = UserFactory()
    territory_roles.grant_territory_role(user=editor, territory=private_details["jena"], role=TerritoryRoleKind.EDITOR)
    client.force_login(editor)
    assert (
        client.post(reverse("events:register", args=[private_details["network"].slug, meeting.pk])).status_code == 302
    )
    assert Registration.objects.get(event=meeting, user=editor).status == Registration.Status.CONFIRMED


def test_a_coordinator_plans_an_internal_event_by_default(client, private_details):
    client.force_login(private_details["coordinator"])
    form = client.get(reverse("events:create", args=[private_details["network"].slug])).context["form"]
    assert form["audience"].value() == "netzwerk"
