"""The expert directory: per-field contact visibility, own profiles, curation, "who did this near me"."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.actors import queries, services
from smartregion.actors.models import Actor
from smartregion.core.concurrency import EditConflict
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.projects import services as project_services
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory

PUBLIC_SITE = "https://example.org/offen"
MEMBERS_MAIL = "nur-mitglieder@example.org"
HIDDEN_PHONE = "+49 3641 999999"


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def expert_user(db):
    return UserFactory(is_expert=True)


@pytest.fixture
def actor(admin, expert_user):
    return _with_owner(admin, expert_user)


def _with_owner(admin, owner):
    actor = services.create_actor(
        by=admin,
        consent=True,
        reason="schriftliche Einwilligung liegt vor",
        name="Dr. Iris Info",
        sector="wissenschaft",
        website=PUBLIC_SITE,
        website_visibility="public",
        email=MEMBERS_MAIL,
        email_visibility="members",
        phone=HIDDEN_PHONE,
        phone_visibility="hidden",
        domains=[Domain.objects.get(key="mobilitaet")],
        keywords=["LoRaWAN"],
    )
    actor.user = owner
    actor.save(update_fields=["user"])
    return actor


@pytest.fixture
def people(jena, admin, expert_user):
    citizen = UserFactory()
    member = UserFactory()
    territory_roles.grant_territory_role(user=member, territory=jena, role=TerritoryRoleKind.EDITOR)
    coordinator = UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    network_roles.grant_network_role(user=coordinator, network=network)
    return {"anonymous": None, "citizen": citizen, "member": member, "owner": expert_user, "coordinator": coordinator}


SEES = {
    # role: (public website, members-only e-mail, hidden phone)
    "anonymous": (True, False, False),
    "citizen": (True, False, False),
    "member": (True, True, False),
    "owner": (True, True, True),
    "coordinator": (True, True, True),
}


@pytest.mark.parametrize("role", list(SEES))
def test_contact_fields_follow_their_visibility_in_page_and_api(client, actor, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    page = client.get(reverse("actors:detail", args=[actor.pk])).content.decode()
    listing = client.get(reverse("actor-list")).content.decode()
    detail = client.get(reverse("actor-detail", args=[actor.pk])).json()
    for value, visible in zip((PUBLIC_SITE, MEMBERS_MAIL, HIDDEN_PHONE), SEES[role], strict=True):
        assert (value in page) is visible, (role, value)
        assert (value in listing) is visible, (role, value)
        assert (value in detail["contact"].values()) is visible, (role, value)


def test_contact_data_is_published_only_with_consent(admin):
    with pytest.raises(ValidationError):
        services.create_actor(
            by=admin, name="Ohne Einwilligung", sector="politik", email="a@b.de", email_visibility="public"
        )
    hidden = services.create_actor(by=admin, name="Verborgen", sector="politik", email="a@b.de")
    assert hidden.consent_at is None  # hidden fields need no consent
    assert queries.visible_contact(hidden, None) == []


def test_an_expert_creates_one_own_profile_and_may_edit_only_that(client, expert_user, actor):
    other_expert = UserFactory(is_expert=True)
    client.force_login(other_expert)
    response = client.post(
        reverse("actors:create"),
        {
            "kind": "person",
            "name": "Otto Eigen",
            "sector": "wirtschaft",
            "email_visibility": "hidden",
            "phone_visibility": "hidden",
            "website_visibility": "hidden",
            "address_visibility": "hidden",
        },
    )
    own = Actor.objects.get(name="Otto Eigen")
    assert response.status_code == 302 and own.user == other_expert
    assert client.get(reverse("actors:create")).url == reverse("actors:edit", args=[own.pk])
    assert client.get(reverse("actors:edit", args=[actor.pk])).status_code == 403


def test_concurrent_edits_are_detected_and_both_versions_shown(client, actor, people):
    client.force_login(people["coordinator"])
    url = reverse("actors:edit", args=[actor.pk])
    stale = actor.revision
    versions = actor.history.count()
    services.update_actor(
        Actor.objects.get(pk=actor.pk), expected_revision=stale, by=people["owner"], description="Version der Inhaberin"
    )
    form = {
        "kind": "person",
        "name": actor.name,
        "sector": "wissenschaft",
        "description": "Version der Koordination",
        "email": MEMBERS_MAIL,
        "email_visibility": "members",
        "phone": HIDDEN_PHONE,
        "phone_visibility": "hidden",
        "website": PUBLIC_SITE,
        "website_visibility": "public",
        "address_visibility": "hidden",
        "consent": "on",
        "revision": stale,
    }
    response = client.post(url, form)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Version der Inhaberin" in text and "Version der Koordination" in text
    assert Actor.objects.get(pk=actor.pk).description == "Version der Inhaberin"
    with pytest.raises(EditConflict):
        services.update_actor(
            Actor.objects.get(pk=actor.pk), expected_revision=stale, by=people["coordinator"], name="X"
        )
    assert actor.history.count() == versions + 1  # the owner's save is kept; the refused ones left no trace
    assert actor.history.first().description == "Version der Inhaberin"


def test_directory_filters_and_keeps_its_query_count(client, admin, django_assert_max_num_queries):
    mobility = Domain.objects.get(key="mobilitaet")
    services.create_actor(by=admin, name="Mobil-Expertin", sector="wirtschaft", domains=[mobility])
    services.create_actor(
        by=admin, name="Bildungs-Experte", sector="verwaltung", domains=[Domain.objects.get(key="bildung")]
    )
    text = client.get(reverse("actors:directory"), {"feld": "mobilitaet"}).content.decode()
    assert "Mobil-Expertin" in text and "Bildungs-Experte" not in text
    text = client.get(reverse("actors:directory"), {"sektor": "verwaltung"}).content.decode()
    assert "Bildungs-Experte" in text and "Mobil-Expertin" not in text

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("actors:directory")).status_code == 200
            assert client.get(reverse("actor-list")).status_code == 200
        return len(context)

    before = count()
    for number in range(15):
        services.create_actor(by=admin, name=f"Weitere {number}", sector="politik", domains=[mobility], keywords=["X"])
    assert count() == before


def test_who_did_this_near_me(client, admin, jena, ilmenau):
    mobility = Domain.objects.get(key="mobilitaet")
    near_project = project_services.publish_project(
        project_services.create_project(
            by=admin, lead_territory=ilmenau, title="Parksensoren Ilmenau", summary="Test", primary_domain=mobility
        ),
        by=admin,
    )
    far_project = project_services.publish_project(
        project_services.create_project(
            by=admin,
            lead_territory=Territory.objects.get(ags="09162000"),
            title="Parksensoren München",
            summary="Test",
            primary_domain=mobility,
        ),
        by=admin,
    )
    nearby = services.create_actor(by=admin, name="Nahe Firma", sector="wirtschaft", reference_projects=[near_project])
    services.create_actor(by=admin, name="Ferne Firma", sector="wirtschaft", reference_projects=[far_project])
    serving = services.create_actor(
        by=admin, name="Landesberatung", sector="verwaltung", regions=[Territory.objects.get(ars="16")]
    )
    results = queries.near(jena)
    names = [item.actor.name for item in results]
    assert names[0] == "Nahe Firma" and "Ferne Firma" not in names and "Landesberatung" in names
    assert "Parksensoren Ilmenau" in results[0].reason and "km" in results[0].reason
    assert nearby.pk and serving.pk
    page = client.get(reverse("actors:near"), {"gebiet": "Jena", "feld": "mobilitaet"}).content.decode()
    assert "Nahe Firma" in page and "Ferne Firma" not in page
