"""Sign-up and password reset never tell whether an address has an account (issue 19, finding 9)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from smartregion.accounts import services
from smartregion.accounts.models import User

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _path(body: str, start: str) -> str:
    return re.search(rf"https?://[^/\s]+({re.escape(start)}\S*)", body).group(1)


def _sign_up(client, email, **extra):
    return client.post(reverse("accounts:register"), {"email": email}, **extra)


def test_the_page_answers_the_same_for_a_new_and_an_existing_address(client):
    UserFactory(email="anna@kommune.example")
    existing = _sign_up(client, "Anna@Kommune.example", follow=True)
    new = _sign_up(client, "bea@example.org", follow=True)
    assert existing.redirect_chain == new.redirect_chain == [(reverse("accounts:register_sent"), 302)]
    assert existing.content == new.content
    assert "Wir haben Ihnen eine E-Mail geschickt." in new.content.decode()
    assert [message.to for message in mail.outbox] == [["anna@kommune.example"], ["bea@example.org"]]
    assert not User.objects.filter(email="bea@example.org").exists()  # nothing is made before the link


def test_the_owner_of_an_existing_address_is_told_and_pointed_to_sign_in_and_reset(client):
    UserFactory(email="anna@kommune.example")
    _sign_up(client, "anna@kommune.example")
    (message,) = mail.outbox
    assert "bereits ein Konto" in message.body
    assert _path(message.body, reverse("accounts:login")) == reverse("accounts:login")
    assert _path(message.body, reverse("accounts:password_reset")) == reverse("accounts:password_reset")
    assert "/konto/registrieren/" not in message.body


def test_a_new_address_gets_a_link_that_makes_the_account_and_signs_in(client):
    _sign_up(client, "Bea@Example.org")
    (message,) = mail.outbox
    link = _path(message.body, "/konto/registrieren/")
    page = client.get(link)
    assert page.status_code == 200
    assert 'value="bea@example.org"' in page.content.decode()
    response = client.post(
        link, {"full_name": "Bea Bürgerin", "password1": "sicheres-passwort-1", "password2": "sicheres-passwort-1"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:profile")
    user = User.objects.get(email="bea@example.org")
    assert user.full_name == "Bea Bürgerin" and user.check_password("sicheres-passwort-1")
    assert not user.territory_roles.exists() and not user.is_staff
    assert int(client.session["_auth_user_id"]) == user.pk
    assert services.LOGIN_DEVICE_COOKIE in response.cookies
    # The link is spent: it now says that the address has an account.
    client.logout()
    again = client.get(link)
    assert "Zu dieser E-Mail-Adresse gibt es bereits ein Konto." in again.content.decode()
    assert User.objects.filter(email="bea@example.org").count() == 1


def test_the_second_step_refuses_weak_passwords_and_the_address_cannot_be_changed(client):
    link = reverse("accounts:register_confirm", args=[services.sign_up_token("bea@example.org")])
    response = client.post(
        link,
        {"full_name": "Bea", "email": "mallory@example.org", "password1": "12345678901", "password2": "12345678901"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email__in=["bea@example.org", "mallory@example.org"]).exists()
    response = client.post(
        link,
        {
            "full_name": "Bea",
            "email": "mallory@example.org",
            "password1": "ein-gutes-passwort",
            "password2": "ein-gutes-passwort",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="bea@example.org").exists()
    assert not User.objects.filter(email="mallory@example.org").exists()


def test_a_forged_link_makes_nothing(client):
    forged = services.sign_up_token("bea@example.org")[:-2] + "xx"
    response = client.post(
        reverse("accounts:register_confirm", args=[forged]),
        {"full_name": "Bea", "password1": "ein-gutes-passwort", "password2": "ein-gutes-passwort"},
    )
    assert response.status_code == 400
    assert "Dieser Link ist ungültig oder abgelaufen." in response.content.decode()
    assert not User.objects.filter(email="bea@example.org").exists()


def test_password_reset_for_an_unknown_address_answers_the_same_and_tells_the_address_owner(client):
    UserFactory(email="anna@kommune.example")
    known = client.post(reverse("accounts:password_reset"), {"email": "anna@kommune.example"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "niemand@kommune.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_done")
    assert [message.to for message in mail.outbox] == [["anna@kommune.example"], ["niemand@kommune.example"]]
    assert "/konto/passwort-neu/" in mail.outbox[0].body
    assert "kein aktives Konto" in mail.outbox[1].body and "/konto/passwort-neu/" not in mail.outbox[1].body


def test_one_address_gets_at_most_three_account_mails_an_hour_whatever_it_holds(client):
    UserFactory(email="anna@kommune.example")
    for _ in range(5):
        assert _sign_up(client, "anna@kommune.example").status_code == 302
        assert _sign_up(client, "bea@example.org").status_code == 302
    client.post(reverse("accounts:password_reset"), {"email": "anna@kommune.example"})
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@kommune.example"] * 3 + ["bea@example.org"] * 3


def test_one_client_asking_for_many_addresses_is_stopped_with_a_message(client, settings):
    settings.ACCOUNT_MAILS_PER_CLIENT_PER_HOUR = 4
    statuses = [_sign_up(client, f"person{number}@example.org").status_code for number in range(5)]
    assert statuses == [302, 302, 302, 302, 200]
    refused = _sign_up(client, "noch-jemand@example.org")
    assert "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anfragen." in refused.content.decode()
    reset = client.post(reverse("accounts:password_reset"), {"email": "x@example.org"})
    assert reset.status_code == 200 and "sehr viele Anfragen" in reset.content.decode()
    assert len(mail.outbox) == 4
    # Another client is not affected.
    assert _sign_up(client, "andere@example.org", REMOTE_ADDR="198.51.100.9").status_code == 302


def test_a_password_reset_also_trusts_the_browser_that_did_it(client):
    UserFactory(email="anna@kommune.example")
    client.post(reverse("accounts:password_reset"), {"email": "anna@kommune.example"})
    response = client.get(_path(mail.outbox[0].body, "/konto/passwort-neu/"), follow=True)
    done = client.post(
        response.redirect_chain[-1][0], {"new_password1": "ein-neues-passwort", "new_password2": "ein-neues-passwort"}
    )
    assert done.status_code == 302 and services.LOGIN_DEVICE_COOKIE in done.cookies
