"""Sign-in through several identity providers (ADR 0027 addendum): a Land's and a Kreis' service, each a real
OpenID Connect provider on loopback (tests/oidc_provider, fixtures `oidc_provider` and `second_oidc_provider`
with their own port, database, key and client id). The platform is driven by Django's test client, the
providers' pages by plain HTTP, as in test_oidc.py.
"""

from urllib.parse import parse_qs, urlencode, urlsplit

import environ
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from smartregion.accounts import providers
from smartregion.accounts.checks import provider_configuration
from smartregion.accounts.models import ExternalIdentity, User
from smartregion.territories.models import TerritoryRole

from ..factories import TEST_PASSWORD, UserFactory
from ..oidc_provider.server import ProviderBrowser

pytestmark = pytest.mark.django_db


def _start(client, key):
    answer = client.get(reverse("accounts:oidc_login_at", kwargs={"key": key}))
    assert answer.status_code == 302
    return answer["Location"]


def _sign_in_at(client, key, username, *, browser=None):
    """Press the provider's button, sign in there, come back to its callback; the platform's answer."""
    browser = browser or ProviderBrowser()
    back = urlsplit(browser.authorize(_start(client, key), username))
    assert back.netloc == "testserver" and back.path == f"/oidc/callback/{key}/"
    return client.get(f"{back.path}?{back.query}"), browser


def _signed_in_as(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def _message(answer) -> str:
    return " ".join(str(message) for message in get_messages(answer.wsgi_request))


def _without(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def test_the_login_page_has_a_button_per_provider_each_starting_at_its_own(
    client, two_providers_settings, oidc_provider, second_oidc_provider
):
    page = client.get(reverse("accounts:login") + "?next=/projekte/").content.decode()
    assert 'href="/konto/anmelden/verwaltung/land/?next=/projekte/"' in page
    assert 'href="/konto/anmelden/verwaltung/kreis/?next=/projekte/"' in page
    assert page.index("Mit Thüringer Landesportal anmelden") < page.index("Mit Nubus des Ilm-Kreises anmelden")
    assert 'href="/konto/anmelden/verwaltung/?' not in page  # no single provider configured
    for key, provider in [("land", oidc_provider), ("kreis", second_oidc_provider)]:
        target = _start(client, key)
        query = parse_qs(urlsplit(target).query)
        assert _without(target) == f"{provider.issuer}/authorize/"
        assert query["client_id"] == [provider.client_id]
        assert query["redirect_uri"] == [f"http://testserver/oidc/callback/{key}/"]
        assert query["scope"] == ["openid email profile"] and query["code_challenge_method"] == ["S256"]
    assert client.session["oidc_states"][query["state"][0]]["provider"] == "kreis"
    # Keys nobody configured, and the single provider's addresses, answer 404.
    assert client.get(reverse("accounts:oidc_login_at", kwargs={"key": "bund"})).status_code == 404
    assert client.get(reverse("accounts:oidc_login")).status_code == 404
    assert client.get("/oidc/callback/bund/?code=x&state=y").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_each_provider_signs_in_its_own_person(client, two_providers_settings, oidc_provider, second_oidc_provider):
    land_subject = oidc_provider.add_person("anke", email="anke@tmil.example", verified=True, name="Anke Land")
    kreis_subject = second_oidc_provider.add_person("kurt", email="kurt@ilm-kreis.example", verified=True)
    answer, _browser = _sign_in_at(client, "land", "anke")
    assert answer.status_code == 302 and answer["Location"] == reverse("accounts:profile")
    anke = _signed_in_as(client)
    assert (anke.email, anke.full_name) == ("anke@tmil.example", "Anke Land")
    assert client.session["oidc_provider"] == "land"
    client.post(reverse("accounts:logout"))
    _sign_in_at(client, "kreis", "kurt")
    kurt = _signed_in_as(client)
    assert kurt.email == "kurt@ilm-kreis.example" and client.session["oidc_provider"] == "kreis"
    links = set(ExternalIdentity.objects.values_list("user__email", "issuer", "subject"))
    assert links == {
        ("anke@tmil.example", oidc_provider.issuer, land_subject),
        ("kurt@ilm-kreis.example", second_oidc_provider.issuer, kreis_subject),
    }


def test_the_same_subject_at_two_providers_is_two_people_and_takes_over_nobody(
    client, two_providers_settings, oidc_provider, second_oidc_provider
):
    assert oidc_provider.add_person("sub-land", email="lotte@land.example", verified=True, subject="4711") == "4711"
    assert second_oidc_provider.add_person("sub-kreis", email="kai@kreis.example", verified=True, subject="4711")
    _sign_in_at(client, "land", "sub-land")
    lotte = _signed_in_as(client)
    client.post(reverse("accounts:logout"))
    _sign_in_at(client, "kreis", "sub-kreis")
    kai = _signed_in_as(client)
    assert kai != lotte and kai.email == "kai@kreis.example"
    assert set(ExternalIdentity.objects.values_list("user", "issuer", "subject")) == {
        (lotte.pk, oidc_provider.issuer, "4711"),
        (kai.pk, second_oidc_provider.issuer, "4711"),
    }
    # The Kreis' person now claims Lotte's address, verified: the link by (issuer, sub) decides, not the address.
    client.post(reverse("accounts:logout"))
    second_oidc_provider.add_person("sub-kreis", email="lotte@land.example", verified=True)
    _sign_in_at(client, "kreis", "sub-kreis")
    assert _signed_in_as(client) == kai
    assert ExternalIdentity.objects.filter(user=lotte).count() == 1


def test_linking_by_verified_address_follows_the_rules_at_each_provider(
    client, two_providers_settings, oidc_provider, second_oidc_provider
):
    owner = UserFactory(email="maria@jena.example")
    oidc_provider.add_person("maria-land", email="maria@jena.example", verified=True)
    second_oidc_provider.add_person("maria-kreis", email="Maria@Jena.example", verified=True)
    _sign_in_at(client, "land", "maria-land")
    assert _signed_in_as(client) == owner
    client.post(reverse("accounts:logout"))
    _sign_in_at(client, "kreis", "maria-kreis")  # her account at the Kreis, verified there too: linked as well
    assert _signed_in_as(client) == owner
    assert set(owner.external_identities.values_list("issuer", flat=True)) == {
        oidc_provider.issuer,
        second_oidc_provider.issuer,
    }
    client.post(reverse("accounts:logout"))
    # A second account at the Kreis with her verified address is not linked: she has one there.
    second_oidc_provider.add_person("maria-zwei", email="maria@jena.example", verified=True)
    answer, _browser = _sign_in_at(client, "kreis", "maria-zwei")
    assert _signed_in_as(client) is None
    assert "schon mit einer anderen Kennung bei Nubus des Ilm-Kreises" in _message(answer)
    # Nor does an address the Kreis did not verify link anything.
    other = UserFactory(email="norbert@jena.example")
    second_oidc_provider.add_person("norbert", email="norbert@jena.example", verified=False)
    answer, _browser = _sign_in_at(client, "kreis", "norbert")
    assert _signed_in_as(client) is None
    assert "Nubus des Ilm-Kreises hat Ihre E-Mail-Adresse nicht als bestätigt gemeldet" in _message(answer)
    assert not other.external_identities.exists()
    assert owner.external_identities.count() == 2


def test_a_state_is_accepted_only_at_the_callback_of_the_provider_that_started_it(
    client, two_providers_settings, oidc_provider, second_oidc_provider
):
    """A mix-up: the Land's button started the sign-in (state, nonce and PKCE challenge in this session), but
    the Kreis' provider answers it at the Kreis' callback. Its code and ID token fit that session's nonce and
    verifier, so only the state's provider tells them apart; the Kreis' person is not signed in, the Kreis is
    not even asked for a token (the state is used up), and nothing is made."""
    second_oidc_provider.add_person("mix", email="mix@kreis.example", verified=True)
    query = parse_qs(urlsplit(_start(client, "land")).query)
    state = query["state"][0]
    query.update(client_id=[second_oidc_provider.client_id], redirect_uri=["http://testserver/oidc/callback/kreis/"])
    at_kreis = f"{second_oidc_provider.issuer}/authorize/?{urlencode(query, doseq=True)}"
    back = urlsplit(ProviderBrowser().authorize(at_kreis, "mix"))
    assert back.path == "/oidc/callback/kreis/" and parse_qs(back.query)["state"] == [state]
    answer = client.get(f"{back.path}?{back.query}")
    assert answer["Location"] == reverse("accounts:login")
    assert "Die Anmeldung über Nubus des Ilm-Kreises hat nicht geklappt" in _message(answer)
    assert _signed_in_as(client) is None
    assert state not in client.session.get("oidc_states", {})
    assert not User.objects.filter(email="mix@kreis.example").exists()
    # The same person through the Kreis' own button signs in.
    _sign_in_at(client, "kreis", "mix")
    assert _signed_in_as(client).email == "mix@kreis.example"


def test_a_state_of_the_kreis_is_refused_at_the_lands_callback(
    client, two_providers_settings, oidc_provider, second_oidc_provider
):
    oidc_provider.add_person("lars", email="lars@land.example", verified=True)
    query = parse_qs(urlsplit(_start(client, "kreis")).query)
    query.update(client_id=[oidc_provider.client_id], redirect_uri=["http://testserver/oidc/callback/land/"])
    back = urlsplit(
        ProviderBrowser().authorize(f"{oidc_provider.issuer}/authorize/?{urlencode(query, doseq=True)}", "lars")
    )
    answer = client.get(f"{back.path}?{back.query}")
    assert answer["Location"] == reverse("accounts:login") and _signed_in_as(client) is None


def test_signing_out_goes_to_the_provider_the_session_signed_in_with(
    client, two_providers_settings, oidc_provider, second_oidc_provider
):
    oidc_provider.add_person("olga", email="olga@land.example", verified=True)
    second_oidc_provider.add_person("otto", email="otto@kreis.example", verified=True)
    for key, username, provider in [("kreis", "otto", second_oidc_provider), ("land", "olga", oidc_provider)]:
        _answer, browser = _sign_in_at(client, key, username)
        answer = client.post(reverse("accounts:logout"))
        assert _signed_in_as(client) is None
        assert _without(answer["Location"]) == f"{provider.issuer}/logout/"
        query = parse_qs(urlsplit(answer["Location"]).query)
        assert query["client_id"] == [provider.client_id] and query["id_token_hint"]
        assert query["post_logout_redirect_uri"] == ["http://testserver/"]
        back = browser.follow(answer["Location"])  # the provider knows its token and ends its session
        assert back.status_code == 302 and back.headers["Location"] == "http://testserver/"
        assert "id_username" in browser.session.get(_start(client, key), timeout=10).text  # asked again


def test_a_refused_sign_in_leaves_nothing_of_the_provider_in_the_session(
    client, two_providers_settings, oidc_provider, second_oidc_provider
):
    person = UserFactory(email="paula@kreis.example")
    second_oidc_provider.add_person("paula", email="paula@kreis.example", verified=False)
    answer, _browser = _sign_in_at(client, "kreis", "paula")
    assert "nicht als bestätigt gemeldet" in _message(answer)
    assert not {"oidc_id_token", "oidc_access_token", "oidc_provider", "oidc_login_next"} & set(client.session.keys())
    # A password sign-in afterwards in the same browser signs out here only: no provider got a hint.
    client.post(reverse("accounts:login"), {"username": person.email, "password": TEST_PASSWORD})
    assert _signed_in_as(client) == person
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("home")
    # Someone signed in at the Land whose attempt at the Kreis is refused keeps the Land's session as it was.
    oidc_provider.add_person("paula-land", email="paula@kreis.example", verified=True)
    _sign_in_at(client, "land", "paula-land")
    token = client.session["oidc_id_token"]
    _sign_in_at(client, "kreis", "paula")
    assert _signed_in_as(client) == person
    assert (client.session["oidc_provider"], client.session["oidc_id_token"]) == ("land", token)
    assert _without(client.post(reverse("accounts:logout"))["Location"]) == f"{oidc_provider.issuer}/logout/"


def test_role_mapping_is_per_provider(
    client, two_providers_settings, oidc_provider, second_oidc_provider, jena, ilm_kreis
):
    land, kreis = two_providers_settings.OIDC_PROVIDERS["land"], two_providers_settings.OIDC_PROVIDERS["kreis"]
    land["role_mapping"] = {"redaktion": f"territory:{jena.code}:editor", "kreis-admin": f"territory:{jena.code}:admin"}
    kreis["role_mapping"] = {"kreis-admin": "territory:16070:admin"}
    kreis["groups_claim"] = "memberOf"  # the Kreis' provider names its claim otherwise: "groups" is not read
    oidc_provider.add_person("rita-land", email="rita@jena.example", verified=True, groups=["redaktion"])
    second_oidc_provider.add_person("rita-kreis", email="rita@jena.example", verified=True, groups=["kreis-admin"])

    def roles():
        return set(TerritoryRole.objects.filter(user__email="rita@jena.example").values_list("territory", "role"))

    _sign_in_at(client, "land", "rita-land")
    assert roles() == {(jena.pk, "editor")}
    client.post(reverse("accounts:logout"))
    _sign_in_at(client, "kreis", "rita-kreis")
    assert roles() == {(jena.pk, "editor")}  # its groups claim is memberOf; the Land's role stays
    kreis["groups_claim"] = "groups"
    client.post(reverse("accounts:logout"))
    _sign_in_at(client, "kreis", "rita-kreis")  # the Kreis' own mapping: its group "kreis-admin", not the Land's
    assert roles() == {(jena.pk, "editor"), (ilm_kreis.pk, "admin")}
    # The Kreis no longer asserts the group: its role goes, the Land's stays; and the other way round.
    second_oidc_provider.add_person("rita-kreis", email="rita@jena.example", verified=True, groups=[])
    client.post(reverse("accounts:logout"))
    _sign_in_at(client, "kreis", "rita-kreis")
    assert roles() == {(jena.pk, "editor")}
    second_oidc_provider.add_person("rita-kreis", email="rita@jena.example", verified=True, groups=["kreis-admin"])
    oidc_provider.add_person("rita-land", email="rita@jena.example", verified=True, groups=[])
    client.post(reverse("accounts:logout"))
    _sign_in_at(client, "kreis", "rita-kreis")
    client.post(reverse("accounts:logout"))
    _sign_in_at(client, "land", "rita-land")
    assert roles() == {(ilm_kreis.pk, "admin")}
    rita = User.objects.get(email="rita@jena.example")
    assert {link.issuer: link.mapped_roles for link in rita.external_identities.all()} == {
        oidc_provider.issuer: [],
        second_oidc_provider.issuer: [["territory", ilm_kreis.pk, "admin"]],
    }


def test_the_single_provider_keeps_its_addresses_beside_a_second(
    client, oidc_settings, oidc_provider, second_oidc_provider
):
    """An installation with OIDC_ISSUER … adds the Kreis: the first keeps its button address and callback."""
    oidc_settings.OIDC_PROVIDERS = {"kreis": second_oidc_provider.provider_settings("Nubus des Ilm-Kreises")}
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'href="/konto/anmelden/verwaltung/"' in page and 'href="/konto/anmelden/verwaltung/kreis/"' in page
    oidc_provider.add_person("sina", email="sina@land.example", verified=True)
    second_oidc_provider.add_person("sven", email="sven@kreis.example", verified=True)
    browser = ProviderBrowser()
    back = urlsplit(browser.authorize(client.get(reverse("accounts:oidc_login"))["Location"], "sina"))
    assert back.path == "/oidc/callback/"
    client.get(f"{back.path}?{back.query}")
    assert _signed_in_as(client).email == "sina@land.example" and client.session["oidc_provider"] == "default"
    assert _without(client.post(reverse("accounts:logout"))["Location"]) == f"{oidc_provider.issuer}/logout/"
    _sign_in_at(client, "kreis", "sven")
    assert _signed_in_as(client).email == "sven@kreis.example"
    # A session from before several providers (the ID token, no key) signs out at the single provider.
    session = client.session
    session["oidc_id_token"] = "a token of the single provider"  # a stand-in: the platform only passes it on
    del session["oidc_provider"]
    session.save()
    assert _without(client.post(reverse("accounts:logout"))["Location"]) == f"{oidc_provider.issuer}/logout/"


# --- Configuration and system checks ---------------------------------------------------------------------


def test_the_environment_names_the_providers_and_their_variables(monkeypatch):
    monkeypatch.setenv("OIDC_PROVIDERS", " land, Kreis-Nord ,")
    monkeypatch.setenv("OIDC_LAND_ISSUER", "https://login.thueringen.example/realms/land")
    monkeypatch.setenv("OIDC_LAND_ROLE_MAPPING", "/tmil/redaktion=territory:16:editor")
    monkeypatch.setenv("OIDC_LAND_CREATE_USERS", "false")
    monkeypatch.setenv("OIDC_KREIS_NORD_CLIENT_ID", "hub")
    monkeypatch.setenv("OIDC_KREIS_NORD_SCOPES", "")
    read = providers.read_environment(environ.Env())
    assert list(read) == ["land", "kreis-nord"]
    assert read["land"]["issuer"] == "https://login.thueringen.example/realms/land"
    assert read["land"]["role_mapping"] == {"/tmil/redaktion": "territory:16:editor"}
    assert read["land"]["create_users"] is False and read["kreis-nord"]["create_users"] is True
    assert read["kreis-nord"]["client_id"] == "hub"
    assert providers.provider_from("kreis-nord", read["kreis-nord"]).scopes == "openid email profile"


def _complete(issuer: str, name: str = "") -> dict:
    return {
        "issuer": issuer,
        "client_id": "hub",
        "client_secret": "geheim",
        "authorization_endpoint": f"{issuer}/auth",
        "token_endpoint": f"{issuer}/token",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_endpoint": f"{issuer}/certs",
        "provider_name": name,
        "role_mapping": {},
    }


def _ids(problems) -> list[str]:
    return [problem.id for problem in problems]


def test_the_system_checks_name_what_is_wrong_with_which_provider(settings, monkeypatch):
    assert provider_configuration(None) == []
    settings.OIDC_PROVIDERS = {"land": _complete("https://land.example", "Landesportal")}
    assert provider_configuration(None) == []
    # A key that is no key, the reserved key, a listed key without variables.
    settings.OIDC_PROVIDERS = {"land_1": _complete("https://a.example"), "default": {}, "kreis": {"issuer": ""}}
    problems = provider_configuration(None)
    assert _ids(problems) == ["accounts.E003", "accounts.E003", "accounts.E004"]
    assert "'land_1' is no key" in problems[0].msg and "OIDC_KREIS_ISSUER" in problems[2].hint
    # Half a provider, and a malformed mapping, named by their variables.
    half = {**_complete("https://kreis.example", "Kreis"), "client_secret": "", "jwks_endpoint": ""}
    settings.OIDC_PROVIDERS = {
        "kreis-nord": half,
        "land": {**_complete("https://land.example", "Land"), "role_mapping": {"g": "territory:16:chef"}},
    }
    problems = provider_configuration(None)
    assert _ids(problems) == ["accounts.E001", "accounts.E002"]
    assert problems[0].msg.endswith("missing: OIDC_KREIS_NORD_CLIENT_SECRET, OIDC_KREIS_NORD_JWKS_ENDPOINT")
    assert problems[1].msg.startswith("OIDC_LAND_ROLE_MAPPING: g=territory:16:chef")
    # Two providers with one issuer (the single provider's too); buttons without a name or with the same one.
    settings.OIDC_OP_ISSUER = "https://land.example/"
    settings.OIDC_PROVIDERS = {"land": _complete("https://land.example", "Land")}
    problems = provider_configuration(None)
    assert _ids(problems) == ["accounts.E001", "accounts.E005"]
    assert "OIDC_ISSUER, OIDC_LAND_ISSUER" in problems[1].msg
    settings.OIDC_OP_ISSUER = ""
    settings.OIDC_PROVIDERS = {"land": _complete("https://land.example"), "kreis": _complete("https://k.example", "K")}
    problems = provider_configuration(None)
    assert _ids(problems) == ["accounts.E006"] and "OIDC_LAND_PROVIDER_NAME" in problems[0].msg
    settings.OIDC_PROVIDERS["land"]["provider_name"] = "k"
    assert _ids(provider_configuration(None)) == ["accounts.E006"]
    # Variables of a provider OIDC_PROVIDERS does not list are read by nobody: a warning.
    settings.OIDC_PROVIDERS = {"land": _complete("https://land.example", "Land")}
    monkeypatch.setenv("OIDC_BUND_CLIENT_ID", "hub")
    monkeypatch.setenv("OIDC_LAND_SCOPES", "openid email")
    monkeypatch.setenv("OIDC_CLIENT_ID", "hub")  # the single provider's: not a key's
    problems = provider_configuration(None)
    assert _ids(problems) == ["accounts.W001"] and problems[0].msg.startswith("OIDC_BUND_… variables are set")
    assert "Add bund to OIDC_PROVIDERS" in problems[0].hint
