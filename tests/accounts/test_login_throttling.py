"""Login throttling per address and client; a stranger cannot lock the owner out (issue 19, finding 9)."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from smartregion.accounts import services
from smartregion.core import limits

from ..factories import TEST_PASSWORD, UserFactory
from ..waiting import WaitPhrases

pytestmark = pytest.mark.django_db

OWNER = "anna@kommune.example"
REFUSED = "Zu viele fehlgeschlagene Anmeldeversuche."


@pytest.fixture(autouse=True)
def _fresh_window(settings):
    """Failures count in clock-aligned windows: start each test well inside one."""
    if limits.seconds_left(settings.LOGIN_FAILURE_WINDOW_SECONDS) < 5:
        time.sleep(limits.seconds_left(settings.LOGIN_FAILURE_WINDOW_SECONDS) + 0.05)


@pytest.fixture
def owner(db):
    return UserFactory(email=OWNER)


def _login(client, address, password, email=OWNER):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address)


def _sign_out(client):
    """Through the page, as a person does (the test client's logout() would drop every cookie)."""
    client.post(reverse("accounts:logout"))
    assert services.LOGIN_DEVICE_COOKIE in client.cookies


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_seven_wrong_passwords_from_one_client_block_that_client_but_not_the_owner_elsewhere(owner):
    stranger, own = Client(), Client()
    answers = [_login(stranger, "203.0.113.66", "falsch").content.decode() for _ in range(7)]
    assert [REFUSED in answer for answer in answers] == [False] * 5 + [True] * 2
    # The stranger's client is blocked even with the right password, and is told for how long.
    with WaitPhrases(15 * 60) as waited:
        blocked = _login(stranger, "203.0.113.66", TEST_PASSWORD)
    assert any(phrase in blocked.content.decode() for phrase in waited.allowed(REFUSED, end=" oder setzen"))
    assert not _signed_in(stranger)
    # The owner signs in from her own machine (no cookie yet, a different address).
    assert _login(own, "198.51.100.7", TEST_PASSWORD).status_code == 302
    assert _signed_in(own)


def test_the_owners_device_cookie_lets_her_in_while_many_clients_guess(owner, settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 12
    own = Client()
    first = _login(own, "198.51.100.7", TEST_PASSWORD)
    assert services.LOGIN_DEVICE_COOKIE in first.cookies and first.cookies[services.LOGIN_DEVICE_COOKIE]["httponly"]
    _sign_out(own)

    for number in range(6):  # a botnet: six addresses, two guesses each
        for _ in range(2):
            _login(Client(), f"203.0.113.{number}", "falsch")
    # The account's ceiling is reached: a browser without the cookie is refused, even at a new address.
    newcomer = Client()
    assert REFUSED in _login(newcomer, "192.0.2.10", TEST_PASSWORD).content.decode()
    assert not _signed_in(newcomer)
    # The owner's browser, from yet another address (travelling), is let in.
    assert _login(own, "192.0.2.44", TEST_PASSWORD).status_code == 302
    assert _signed_in(own)


def test_a_device_cookie_counts_its_own_failures_and_then_loses_its_privilege(owner, settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 3
    own = Client()
    _login(own, "198.51.100.7", TEST_PASSWORD)
    _sign_out(own)
    for number in range(3):
        _login(Client(), f"203.0.113.{number}", "falsch")
    for _ in range(5):  # somebody at the owner's machine (or with her cookie) guesses too
        _login(own, "198.51.100.7", "falsch")
    assert REFUSED in _login(own, "198.51.100.7", TEST_PASSWORD).content.decode()


def test_a_cookie_for_another_address_or_a_forged_one_exempts_nothing(owner, settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 3
    mallory = UserFactory(email="mallory@example.org")
    attacker = Client()
    _login(attacker, "203.0.113.9", TEST_PASSWORD, email=mallory.email)  # her own cookie, for her own account
    _sign_out(attacker)
    for number in range(3):
        _login(Client(), f"203.0.113.{number + 20}", "falsch")
    assert REFUSED in _login(attacker, "203.0.113.9", TEST_PASSWORD).content.decode()
    forged = Client()
    forged.cookies[services.LOGIN_DEVICE_COOKIE] = services.device_cookie_value(OWNER)[:-3] + "abc"
    assert REFUSED in _login(forged, "203.0.113.10", TEST_PASSWORD).content.decode()


def test_one_client_trying_many_addresses_is_blocked(db, settings):
    settings.LOGIN_MAX_FAILURES_PER_CLIENT = 6
    UserFactory(email="jemand@example.org")
    guesser = Client()
    for number in range(6):
        _login(guesser, "203.0.113.5", "falsch", email=f"person{number}@example.org")
    assert REFUSED in _login(guesser, "203.0.113.5", TEST_PASSWORD, email="jemand@example.org").content.decode()
    assert _login(Client(), "198.51.100.1", TEST_PASSWORD, email="jemand@example.org").status_code == 302


def test_a_success_forgets_the_pairs_failures_but_not_the_accounts(owner, settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 6
    own = Client()
    for _ in range(4):
        _login(own, "198.51.100.7", "falsch")
    assert _login(own, "198.51.100.7", TEST_PASSWORD).status_code == 302
    _sign_out(own)
    own.cookies.pop(services.LOGIN_DEVICE_COOKIE)
    for _ in range(2):
        _login(own, "198.51.100.7", "falsch")  # the pair starts again from 0: 2 < 5
    # …but the account has seen 6 failures: without the device cookie, nobody gets in now.
    assert REFUSED in _login(own, "198.51.100.7", TEST_PASSWORD).content.decode()
