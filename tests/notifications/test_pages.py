"""The inbox, the header badge, the settings page with the daily digest, watching a funding programme, and an
invitation to an address without account (issue 25, ADR 0028)."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.notifications.enums import Delivery, Kind
from smartregion.notifications.models import AddressOptOut, Notification, OutboxMail
from smartregion.territories import access_requests
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jena_admin(jena):
    admin = UserFactory(email="admin@jena.de")
    territory_roles.grant_territory_role(user=admin, territory=jena, role=TerritoryRoleKind.ADMIN, by=None)
    return admin


def _ask(jena, person, message="Bitte um Zugang."):
    return access_requests.request_access(
        territory=jena, requester=person, role=TerritoryRoleKind.EDITOR, message=message, base_url="http://testserver"
    )


def test_the_inbox_lists_marks_read_and_the_badge_counts(client, jena, jena_admin):
    anna = UserFactory(email="anna@jena.de")
    _ask(jena, anna)
    client.force_login(jena_admin)
    badge = client.get(reverse("notifications:badge"), HTTP_HX_REQUEST="true").content.decode()
    assert ">1<" in badge and "ungelesene Benachrichtigung" in badge
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Zugangsanfrage für Jena, Stadt" in page and "1 ungelesene Benachrichtigung." in page
    assert reverse("notifications:badge") in page  # the header loads the badge
    notification = Notification.objects.get(recipient=jena_admin)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]), {"open": "1"})
    assert response["Location"] == reverse("access:request", args=[notification.object_id])
    assert client.get(reverse("notifications:badge")).content.decode().strip() == ""
    client.force_login(anna)  # somebody else's entry is not there for her
    assert client.post(reverse("notifications:mark_read", args=[notification.pk])).status_code == 404


def test_the_settings_page_sets_language_and_the_daily_digest(client, jena, jena_admin):
    client.force_login(jena_admin)
    form = client.get(reverse("notifications:settings")).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update({"language": "en", Kind.ACCESS_REQUEST: Delivery.DIGEST})
    assert client.post(reverse("notifications:settings"), data).status_code == 302
    jena_admin.refresh_from_db()
    assert jena_admin.language == "en"

    _ask(jena, UserFactory(email="anna@jena.de"))
    _ask(jena, UserFactory(email="berta@jena.de"))
    assert not OutboxMail.objects.filter(to_address="admin@jena.de").exists()
    assert Notification.objects.filter(recipient=jena_admin).count() == 2
    call_command("send_due_notifications", verbosity=0)
    call_command("send_due_notifications", verbosity=0)
    (digest,) = OutboxMail.objects.filter(to_address="admin@jena.de")
    assert digest.text_body.count("Jena, Stadt") >= 2 and "anna@jena.de" in digest.text_body
    assert "berta@jena.de" in digest.html_body and '<html lang="en">' in digest.html_body
    assert digest.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_watchers_of_a_programme_hear_of_its_deadline(client):
    programme = FundingProgramme.objects.create(
        code="FP-777", name="Digitale Dörfer", level="Land", applicants=["Gemeinde"]
    )
    Deadline.objects.create(programme=programme, closes_on=timezone.localdate() + timedelta(days=10), label="Aufruf")
    person = UserFactory(email="foerderung@jena.de")
    client.force_login(person)
    watch = reverse("notifications:watch", args=["funding.fundingprogramme", programme.pk])
    assert watch in client.get(programme.get_absolute_url()).content.decode()
    assert "Beobachten" in client.get(watch, HTTP_HX_REQUEST="true").content.decode()
    client.post(watch, {"next": programme.get_absolute_url()})
    assert "nicht mehr beobachten" in client.get(watch, HTTP_HX_REQUEST="true").content.decode()
    call_command("send_due_notifications", verbosity=0)
    call_command("send_due_notifications", verbosity=0)
    (mail,) = OutboxMail.objects.filter(kind=Kind.PROGRAMME_DEADLINE)
    assert mail.to_address == "foerderung@jena.de" and "Digitale Dörfer" in mail.subject
    assert "Noch 10 Tage." in mail.text_body


def test_an_invitation_reaches_an_address_without_account_which_can_unsubscribe(client, jena, jena_admin):
    client.force_login(jena_admin)
    client.post(reverse("territories:team", args=[jena.code]), {"email": "neu@jena.de", "role": "editor"})
    (mail,) = OutboxMail.objects.filter(kind=Kind.INVITATION)
    assert mail.to_address == "neu@jena.de" and "/konto/einladung/" in mail.text_body
    client.logout()
    client.post(urlsplit(mail.headers["List-Unsubscribe"].strip("<>")).path)
    assert AddressOptOut.objects.filter(email="neu@jena.de", kind=Kind.INVITATION).exists()


def test_watchers_of_a_territory_hear_of_a_similar_project_published_nearby(client, jena):
    from smartregion.projects import services as project_services
    from smartregion.projects.models import Project
    from smartregion.taxonomy.models import Domain
    from smartregion.territories.models import Territory

    weimar = Territory.objects.get(ags="16055000")
    domain_of_weimar = Domain.objects.order_by("pk").first()
    other = (
        Domain.objects.exclude(pk__in=Project.objects.filter(lead_territory=weimar).values("primary_domain"))
        .exclude(pk=domain_of_weimar.pk)
        .first()
    )
    author = UserFactory(email="redaktion@jena.de")
    territory_roles.grant_territory_role(user=author, territory=jena, role=TerritoryRoleKind.EDITOR, by=None)
    weimars = project_services.create_project(
        by=author,
        lead_territory=weimar,
        title="Sensoren im Park",
        summary="Messungen.",
        primary_domain=domain_of_weimar,
    )
    project_services.publish_project(weimars, by=author)

    watcher = UserFactory(email="beobachtung@weimar.de")
    client.force_login(watcher)
    client.post(reverse("notifications:watch", args=["territories.territory", weimar.pk]))

    def publish(title, domain):
        project = project_services.create_project(
            by=author, lead_territory=jena, title=title, summary="Ein Vorhaben.", primary_domain=domain
        )
        client.force_login(author)
        client.post(reverse("projects:publish", args=[project.pk]))
        return project

    publish("Parksensorik Jena", domain_of_weimar)
    publish("Etwas ganz anderes", other)
    (mail,) = OutboxMail.objects.filter(kind=Kind.SIMILAR_PROJECT)
    assert mail.to_address == "beobachtung@weimar.de"
    assert "Parksensorik Jena" in mail.subject and "Weimar" in mail.subject
