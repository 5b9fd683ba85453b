import re

import pytest
from django.core import mail
from django.urls import reverse

from smartregion import settings as project_settings
from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.accounts.models import User
from smartregion.network import invitations
from smartregion.network.models import Invitation
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import TerritoryRole

from ..factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_production_hashing_is_argon2():
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_login_with_email_in_any_case(client):
    user = UserFactory(email="anna@kommune.example")
    response = client.post(reverse("accounts:login"), {"username": "Anna@Kommune.Example", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_is_refused_with_a_clear_message(client):
    UserFactory(email="anna@kommune.example")
    response = client.post(reverse("accounts:login"), {"username": "anna@kommune.example", "password": "falsch"})
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort sind nicht richtig." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_after_repeated_failures(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    UserFactory(email="anna@kommune.example")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "anna@kommune.example", "password": "falsch"})
    # Even the right password is refused now.
    response = client.post(reverse("accounts:login"), {"username": "anna@kommune.example", "password": TEST_PASSWORD})
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_successful_login_clears_earlier_failures(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    UserFactory(email="anna@kommune.example")
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": "anna@kommune.example", "password": "falsch"})
    client.post(reverse("accounts:login"), {"username": "anna@kommune.example", "password": TEST_PASSWORD})
    client.logout()
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": "anna@kommune.example", "password": "falsch"})
    response = client.post(reverse("accounts:login"), {"username": "anna@kommune.example", "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_password_reset_sends_a_working_link(client):
    user = UserFactory(email="anna@kommune.example")
    client.post(reverse("accounts:password_reset"), {"email": "anna@kommune.example"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    new_password = "ein-neues-langes-passwort"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


# Sign-up, password reset for unknown addresses and the login limits: test_sign_up.py, test_login_throttling.py


def test_invitation_to_a_territory_creates_account_and_role(client, jena):
    admin = UserFactory()
    territory_roles.grant_territory_role(user=admin, territory=jena, role=TerritoryRoleKind.ADMIN)
    client.force_login(admin)
    client.post(reverse("territories:team", args=[jena.code]), {"email": "neu@jena.example", "role": "editor"})
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/]+(/konto/einladung/\S+/)", mail.outbox[0].body).group(1)
    client.logout()

    response = client.post(
        path, {"full_name": "Neu Kollegin", "password1": "ein-gutes-passwort", "password2": "ein-gutes-passwort"}
    )

    assert response.status_code == 302
    newcomer = User.objects.get(email="neu@jena.example")
    assert TerritoryRole.objects.get(user=newcomer, territory=jena).role == TerritoryRoleKind.EDITOR
    assert Invitation.objects.get(email="neu@jena.example").accepted_by == newcomer
    # A used invitation cannot be used again.
    assert client.get(path).status_code == 410


def test_existing_user_accepts_invitation_after_login(client, jena):
    inviter = UserFactory()
    invitation = invitations.invite(
        email="anna@kommune.example", territory=jena, territory_role="admin", by=inviter, base_url="http://testserver/"
    )
    anna = UserFactory(email="anna@kommune.example")
    client.force_login(anna)
    client.post(reverse("invitations:show", args=[invitation.token]))
    assert TerritoryRole.objects.get(user=anna, territory=jena).role == TerritoryRoleKind.ADMIN


def test_revoking_a_role_keeps_it_in_history(jena):
    user = UserFactory()
    role = territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    territory_roles.revoke_territory_role(user=user, territory=jena)
    assert not TerritoryRole.objects.filter(pk=role.pk).exists()
    assert [record.history_type for record in TerritoryRole.history.filter(id=role.pk).order_by("history_date")] == [
        "+",
        "-",
    ]
