"""Sign-in through an identity provider (OpenID Connect, ADR 0027), against a real provider on loopback.

The provider is tests/oidc_provider (django-oauth-toolkit) in its own process; the platform is driven by
Django's test client, the provider's pages by plain HTTP (ProviderBrowser). Every sign-in below goes through
the provider's login page, its consent page, a signed ID token and its userinfo endpoint.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from smartregion.accounts.models import ExternalIdentity, User
from smartregion.network import services as network_services
from smartregion.network.models import NetworkRole
from smartregion.territories.models import TerritoryRole

from ..factories import TEST_PASSWORD, UserFactory
from ..oidc_provider.server import ProviderBrowser

pytestmark = pytest.mark.django_db


def _sign_in(client, username, *, consent=True, browser=None):
    """Click the button, sign in at the provider, come back; the platform's last answer (and the browser)."""
    browser = browser or ProviderBrowser()
    start = client.get(reverse("accounts:oidc_login"))
    assert start.status_code == 302
    back = urlsplit(browser.authorize(start["Location"], username, consent=consent))
    assert back.netloc == "testserver" and back.path == "/oidc/callback/"
    return client.get(f"{back.path}?{back.query}"), browser


def _signed_in_as(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def _message(answer) -> str:
    return " ".join(str(message) for message in get_messages(answer.wsgi_request))


def test_without_configuration_the_login_page_has_no_button_and_the_addresses_are_off(client):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert reverse("accounts:oidc_login") not in page.content.decode()
    assert client.get(reverse("accounts:oidc_login")).status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_configured_the_login_page_offers_the_provider_and_sends_the_browser_there(client, oidc_settings):
    page = client.get(reverse("accounts:login") + "?next=/projekte/").content.decode()
    assert "Mit Test-Anmeldedienst anmelden" in page
    assert f'href="{reverse("accounts:oidc_login")}?next=/projekte/"' in page
    oidc_settings.OIDC_PROVIDER_NAME = ""
    assert "Mit dem Konto Ihrer Verwaltung anmelden" in client.get(reverse("accounts:login")).content.decode()
    start = client.get(reverse("accounts:oidc_login"), HTTP_HOST="localhost")  # SITE_URL decides, not the host
    target = urlsplit(start["Location"])
    query = parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}" == oidc_settings.OIDC_OP_AUTHORIZATION_ENDPOINT
    assert query["client_id"] == ["smart-region-hub"] and query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]


def test_first_sign_in_with_a_verified_address_makes_an_account_and_links_it(client, oidc_settings, oidc_provider):
    subject = oidc_provider.add_person("nora", email="Nora.Neu@Verwaltung.example", verified=True, name="Nora Neu")
    answer, _browser = _sign_in(client, "nora")
    assert answer.status_code == 302 and answer["Location"] == reverse("accounts:profile")
    user = _signed_in_as(client)
    assert (user.email, user.full_name, user.has_usable_password()) == (
        "nora.neu@verwaltung.example",
        "Nora Neu",
        False,
    )
    link = ExternalIdentity.objects.get(user=user)
    assert (link.issuer, link.subject, link.email_at_link) == (oidc_provider.issuer, subject, user.email)
    assert link.last_sign_in_at is not None
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_an_existing_account_is_linked_when_the_provider_verified_its_address(client, oidc_settings, oidc_provider):
    owner = UserFactory(email="bernd@landkreis.example")
    subject = oidc_provider.add_person("bernd", email="bernd@landkreis.example", verified=True)
    answer, _browser = _sign_in(client, "bernd")
    assert answer.status_code == 302
    assert _signed_in_as(client) == owner
    assert ExternalIdentity.objects.get(user=owner).subject == subject
    assert User.objects.filter(email="bernd@landkreis.example").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(TEST_PASSWORD)  # the password login still works


def test_an_unverified_address_links_nothing_and_makes_nothing(client, oidc_settings, oidc_provider):
    owner = UserFactory(email="opfer@kommune.example")
    oidc_provider.add_person("angreifer", email="opfer@kommune.example", verified=False)
    answer, _browser = _sign_in(client, "angreifer")
    assert answer.status_code == 302 and answer["Location"] == reverse("accounts:login")
    assert _signed_in_as(client) is None
    assert "hat Ihre E-Mail-Adresse nicht als bestätigt gemeldet" in _message(answer)
    assert not ExternalIdentity.objects.exists()
    # Nor is an account made for an unverified address nobody has here yet.
    oidc_provider.add_person("unbestaetigt", email="niemand@kommune.example", verified=False)
    _sign_in(client, "unbestaetigt")
    assert not User.objects.filter(email="niemand@kommune.example").exists()
    assert list(User.objects.all()) == [owner]
    # The refusal is shown on the login page, in the person's language.
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200


def test_later_sign_ins_find_the_account_by_subject_not_by_address(client, oidc_settings, oidc_provider):
    oidc_provider.add_person("clara", email="clara@stadt.example", verified=True)
    _sign_in(client, "clara")
    clara = _signed_in_as(client)
    other = UserFactory(email="clara.neu@stadt.example")
    client.post(reverse("accounts:logout"))
    # At the provider the address changes to one that another account here has (and is not even verified).
    oidc_provider.add_person("clara", email="clara.neu@stadt.example", verified=False)
    answer, _browser = _sign_in(client, "clara")
    assert answer.status_code == 302
    assert _signed_in_as(client) == clara != other
    clara.refresh_from_db()
    assert clara.email == "clara@stadt.example"
    assert ExternalIdentity.objects.filter(user=other).count() == 0


def test_an_account_linked_to_another_subject_is_not_taken_over(client, oidc_settings, oidc_provider):
    oidc_provider.add_person("dora", email="dora@amt.example", verified=True)
    _sign_in(client, "dora")
    dora = _signed_in_as(client)
    client.post(reverse("accounts:logout"))
    oidc_provider.add_person("dora-zwei", email="dora@amt.example", verified=True)  # a second provider account
    answer, _browser = _sign_in(client, "dora-zwei")
    assert _signed_in_as(client) is None
    assert "schon mit einer anderen Kennung" in _message(answer)
    assert ExternalIdentity.objects.filter(user=dora).count() == 1


def test_a_refused_consent_or_a_token_of_another_issuer_signs_nobody_in(client, oidc_settings, oidc_provider):
    oidc_provider.add_person("emil", email="emil@amt.example", verified=True)
    answer, _browser = _sign_in(client, "emil", consent=False)
    assert answer["Location"] == reverse("accounts:login")
    assert "hat nicht geklappt" in _message(answer)
    oidc_settings.OIDC_OP_ISSUER = oidc_provider.issuer + "/anders"
    answer, _browser = _sign_in(client, "emil")
    assert answer["Location"] == reverse("accounts:login")
    assert _signed_in_as(client) is None
    assert not User.objects.filter(email="emil@amt.example").exists()


def test_an_inactive_account_cannot_sign_in_through_the_provider(client, oidc_settings, oidc_provider):
    UserFactory(email="frida@amt.example", is_active=False)
    oidc_provider.add_person("frida", email="frida@amt.example", verified=True)
    answer, _browser = _sign_in(client, "frida")
    assert _signed_in_as(client) is None
    assert "gesperrt" in _message(answer)


def test_sign_in_in_english_comes_back_in_english(client, oidc_settings, oidc_provider):
    oidc_provider.add_person("gerd", email="gerd@amt.example", verified=True)
    start = client.get("/en" + reverse("accounts:oidc_login"))
    back = urlsplit(ProviderBrowser().authorize(start["Location"], "gerd"))
    answer = client.get(f"{back.path}?{back.query}")
    assert answer["Location"] == "/en" + reverse("accounts:profile")


def test_role_mapping_grants_and_withdraws_the_roles_of_the_groups(client, oidc_settings, oidc_provider, jena, ilmenau):
    network = network_services.create_network(name="Netz Thüringen", slug="netz-thueringen")
    oidc_settings.OIDC_ROLE_MAPPING = {
        "jena-redaktion": "territory:16053000:editor",  # by AGS
        "jena-admin": f"territory:{jena.code}:admin",  # by ARS, the stronger role wins
        "netz": "network:netz-thueringen:coordinator",
        "unbekannt": "territory:99999999:editor",  # no such territory: ignored
    }
    groups = ["jena-redaktion", "jena-admin", "netz", "unbekannt", "andere"]
    oidc_provider.add_person("hanna", email="hanna@jena.example", verified=True, groups=groups)
    _sign_in(client, "hanna")
    hanna = _signed_in_as(client)
    assert list(TerritoryRole.objects.filter(user=hanna).values_list("territory", "role")) == [(jena.pk, "admin")]
    assert list(NetworkRole.objects.filter(user=hanna).values_list("network", "role")) == [(network.pk, "coordinator")]
    # A role given on the platform is left alone; the groups gone at the provider take their roles along.
    TerritoryRole.objects.create(user=hanna, territory=ilmenau, role="editor")
    client.post(reverse("accounts:logout"))
    oidc_provider.add_person("hanna", email="hanna@jena.example", verified=True, groups=["jena-redaktion"])
    _sign_in(client, "hanna")
    roles = set(TerritoryRole.objects.filter(user=hanna).values_list("territory", "role"))
    assert roles == {(jena.pk, "editor"), (ilmenau.pk, "editor")}
    assert not NetworkRole.objects.filter(user=hanna).exists()
    client.post(reverse("accounts:logout"))
    oidc_provider.add_person("hanna", email="hanna@jena.example", verified=True, groups=[])
    _sign_in(client, "hanna")
    assert set(TerritoryRole.objects.filter(user=hanna).values_list("territory", "role")) == {(ilmenau.pk, "editor")}


def test_without_role_mapping_groups_grant_nothing(client, oidc_settings, oidc_provider, jena):
    assert oidc_settings.OIDC_ROLE_MAPPING == {}
    oidc_provider.add_person("ida", email="ida@jena.example", verified=True, groups=["jena-admin"])
    _sign_in(client, "ida")
    ida = _signed_in_as(client)
    assert ida is not None
    assert not TerritoryRole.objects.filter(user=ida).exists() and not NetworkRole.objects.filter(user=ida).exists()


def test_a_platform_role_is_not_changed_by_the_mapping(client, oidc_settings, oidc_provider, jena):
    oidc_settings.OIDC_ROLE_MAPPING = {"jena-redaktion": "territory:16053000:editor"}
    owner = UserFactory(email="jakob@jena.example")
    TerritoryRole.objects.create(user=owner, territory=jena, role="admin")
    oidc_provider.add_person("jakob", email="jakob@jena.example", verified=True, groups=["jena-redaktion"])
    _sign_in(client, "jakob")
    client.post(reverse("accounts:logout"))
    oidc_provider.add_person("jakob", email="jakob@jena.example", verified=True, groups=[])
    _sign_in(client, "jakob")
    assert list(TerritoryRole.objects.filter(user=owner).values_list("role", flat=True)) == ["admin"]


def test_signing_out_ends_the_session_at_the_provider_too(client, oidc_settings, oidc_provider):
    oidc_provider.add_person("karla", email="karla@amt.example", verified=True)
    _answer, browser = _sign_in(client, "karla")
    answer = client.post(reverse("accounts:logout"))
    assert _signed_in_as(client) is None
    target = urlsplit(answer["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == oidc_settings.OIDC_OP_END_SESSION_ENDPOINT
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"] and query["id_token_hint"]
    # The provider ends its session and sends the browser back to the start page.
    back = browser.follow(answer["Location"])
    assert back.status_code == 302 and back.headers["Location"] == "http://testserver/"
    again = client.get(reverse("accounts:oidc_login"))
    assert "id_username" in browser.session.get(again["Location"], timeout=10).text  # asked to sign in again


def test_a_password_sign_in_signs_out_here_only(client, oidc_settings):
    person = UserFactory()
    client.post(reverse("accounts:login"), {"username": person.email, "password": TEST_PASSWORD})
    assert _signed_in_as(client) == person
    answer = client.post(reverse("accounts:logout"))
    assert answer["Location"] == reverse("home")


def test_a_half_configuration_and_a_bad_mapping_are_reported_by_the_system_checks(settings):
    from smartregion.accounts.checks import provider_configuration

    assert provider_configuration(None) == []
    settings.OIDC_OP_ISSUER = "https://login.example/realms/kommunen"
    settings.OIDC_ROLE_MAPPING = {"gruppe": "territory:16053000:chef"}
    assert [error.id for error in provider_configuration(None)] == ["accounts.E001", "accounts.E002"]
