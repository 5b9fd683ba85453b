"""Consent is the person's own (issue 19, finding 2).

Only the expert gives consent or widens who may read a contact field; a platform admin may do it for
somebody else only with a reason kept in the history; coordinators curate content and may narrow, never widen.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from smartregion.actors import services
from smartregion.actors.models import Actor
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services

from ..factories import UserFactory

HIDDEN_PHONE = "+49 3641 777777"
MEMBERS_MAIL = "mitglieder@expertin.example"


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def expert(db):
    return UserFactory(is_expert=True)


@pytest.fixture
def coordinator(admin):
    user = UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    network_roles.grant_network_role(user=user, network=network)
    return user


@pytest.fixture
def profile(expert):
    """The expert's own profile: phone hidden, e-mail for members (with the expert's own consent)."""
    return services.create_actor(
        by=expert,
        own_profile=True,
        consent=True,
        name="Dr. Petra Privat",
        sector="wissenschaft",
        phone=HIDDEN_PHONE,
        phone_visibility="hidden",
        email=MEMBERS_MAIL,
        email_visibility="members",
    )


def _form(actor, **changes):
    data = {
        "kind": actor.kind,
        "name": actor.name,
        "sector": actor.sector,
        "description": actor.description,
        "email": actor.email,
        "email_visibility": actor.email_visibility,
        "phone": actor.phone,
        "phone_visibility": actor.phone_visibility,
        "website": actor.website,
        "website_visibility": actor.website_visibility,
        "address": actor.address,
        "address_visibility": actor.address_visibility,
        "revision": actor.revision,
    }
    data.update(changes)
    return data


def test_finding_2_a_coordinator_cannot_publish_the_experts_hidden_phone(client, coordinator, profile):
    """As reported: a coordinator editing an expert's profile sets a contact field's visibility to public and
    ticks the consent box; the hidden phone number must not appear on /api/v1/actors/<id>."""
    client.force_login(coordinator)
    response = client.post(
        reverse("actors:edit", args=[profile.pk]), _form(profile, phone_visibility="public", consent="on")
    )
    assert response.status_code == 200  # the form comes back with its error
    client.logout()
    detail = client.get(reverse("actor-detail", args=[profile.pk])).json()
    assert HIDDEN_PHONE not in detail["contact"].values()
    assert HIDDEN_PHONE not in client.get(reverse("actors:detail", args=[profile.pk])).content.decode()
    assert Actor.objects.get(pk=profile.pk).phone_visibility == "hidden"


def test_the_coordinators_form_offers_neither_consent_nor_a_wider_visibility(client, coordinator, profile):
    client.force_login(coordinator)
    form = client.get(reverse("actors:edit", args=[profile.pk])).context["form"]
    assert "consent" not in form.fields and "reason" not in form.fields
    assert [value for value, _label in form.fields["phone_visibility"].choices] == ["hidden"]
    assert [value for value, _label in form.fields["email_visibility"].choices] == ["members", "hidden"]
    assert form.fields["email"].disabled  # released by the person: the coordinator cannot swap the address
    assert not form.fields["phone"].disabled  # hidden: only curators and the person read it


def test_the_service_refuses_a_coordinators_widening_whatever_sent_it(coordinator, profile):
    for change in ({"phone_visibility": "members"}, {"email": "andere@adresse.example"}, {"address": "x"}):
        widening = {**change, "address_visibility": "public"} if "address" in change else change
        with pytest.raises(ValidationError):
            services.update_actor(
                Actor.objects.get(pk=profile.pk), expected_revision=profile.revision, by=coordinator, **widening
            )
    with pytest.raises(ValidationError):  # nor on a profile the coordinator creates
        services.create_actor(
            by=coordinator, consent=True, name="Neu", sector="politik", phone="1", phone_visibility="public"
        )
    assert Actor.objects.get(pk=profile.pk).phone_visibility == "hidden"


def test_a_coordinator_may_narrow_and_curate_content(client, coordinator, profile):
    client.force_login(coordinator)
    response = client.post(
        reverse("actors:edit", args=[profile.pk]),
        _form(profile, email_visibility="hidden", description="Kuratiert", email="versuch@anders.example"),
    )
    assert response.status_code == 302
    saved = Actor.objects.get(pk=profile.pk)
    assert (saved.email_visibility, saved.description, saved.email) == ("hidden", "Kuratiert", MEMBERS_MAIL)


def test_the_expert_widens_her_own_profile(client, expert, profile):
    client.force_login(expert)
    form = client.get(reverse("actors:edit", args=[profile.pk])).context["form"]
    assert "consent" in form.fields and "reason" not in form.fields
    response = client.post(reverse("actors:edit", args=[profile.pk]), _form(profile, phone_visibility="public"))
    assert response.status_code == 302
    client.logout()
    assert HIDDEN_PHONE in client.get(reverse("actor-detail", args=[profile.pk])).json()["contact"].values()


def test_a_platform_admin_widens_only_with_a_reason_kept_in_the_history(client, admin, expert):
    actor = services.create_actor(by=admin, name="Ohne Konto", sector="politik", phone=HIDDEN_PHONE)
    client.force_login(admin)
    url = reverse("actors:edit", args=[actor.pk])
    response = client.post(url, _form(actor, phone_visibility="public", consent="on"))
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert Actor.objects.get(pk=actor.pk).phone_visibility == "hidden"
    with pytest.raises(ValidationError):
        services.update_actor(
            actor, expected_revision=actor.revision, by=admin, consent=True, phone_visibility="public"
        )

    # The reason goes into the history's change reason (100 characters with its prefix): a longer one is an
    # error on the form, not a database error on PostgreSQL.
    too_long = "Einwilligung " + "x" * services.RELEASE_REASON_MAX_LENGTH
    response = client.post(url, _form(actor, phone_visibility="public", consent="on", reason=too_long))
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    with pytest.raises(ValidationError):
        services.update_actor(
            actor, expected_revision=actor.revision, by=admin, consent=True, phone_visibility="public", reason=too_long
        )
    longest = "x" * services.RELEASE_REASON_MAX_LENGTH
    assert len(f"{services.ADMIN_RELEASE_REASON}: {longest}") == 100
    response = client.post(
        url, _form(actor, phone_visibility="public", consent="on", reason="Einwilligung per Brief vom 3. März")
    )
    assert response.status_code == 302
    saved = Actor.objects.get(pk=actor.pk)
    assert saved.phone_visibility == "public" and saved.consent_at is not None
    record = saved.history.first()
    assert record.history_user == admin
    assert record.history_change_reason == f"{services.ADMIN_RELEASE_REASON}: Einwilligung per Brief vom 3. März"
    history = client.get(reverse("core:history", args=["actors", "actor", actor.pk])).content.decode()
    assert "Einwilligung per Brief vom 3. März" in history


def test_an_edit_that_widens_nothing_needs_no_reason(client, admin, profile):
    client.force_login(admin)
    response = client.post(reverse("actors:edit", args=[profile.pk]), _form(profile, description="Nur Text"))
    assert response.status_code == 302
    assert Actor.objects.get(pk=profile.pk).history.first().history_change_reason is None
