"""Sign-in through several identity providers in a real browser (ADR 0027 addendum): the login page with a
button per provider (a Land's and a Kreis' service, two real servers on loopback: tests/oidc_provider), German,
English and a narrow screen; the second button goes through that provider's own login and consent pages and
comes back signed in; signing out goes through that provider's logout."""

import pytest
from playwright.sync_api import expect

from smartregion.accounts.models import ExternalIdentity, User

from ..oidc_provider.server import PASSWORD
from .conftest import serious_accessibility_violations
from .test_oidc_in_browser import _overlaps, _shots

pytestmark = pytest.mark.django_db(transaction=True)

BUTTONS = {"land": "Mit Thüringer Landesportal anmelden", "kreis": "Mit Nubus des Ilm-Kreises anmelden"}


def test_the_login_page_shows_a_button_per_provider(page, live_server, two_providers_settings, tmp_path):
    two_providers_settings.SITE_URL = live_server.url
    shots = _shots(tmp_path)
    for prefix, width, height in [("", 1280, 900), ("/en", 1280, 900), ("", 360, 740)]:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}{prefix}/konto/anmelden/")
        for key, text in BUTTONS.items():
            button = page.locator(f'main a[href="{prefix}/konto/anmelden/verwaltung/{key}/"]')
            expect(button).to_be_visible()
            if not prefix:
                expect(button).to_have_text(text)
            # The name fits in its button: nothing cut off or spilling over.
            assert button.evaluate("el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight")
        assert _overlaps(page, "main a.kern-btn, main input:not([type=hidden]), main button") == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_accessibility_violations(page) == []
        shot = f"login-two-providers{prefix.replace('/', '-') or '-de'}-{width}.png"
        page.screenshot(path=str(shots / shot), full_page=True)


def test_the_second_button_signs_in_at_its_provider_and_out_there_again(
    page, live_server, two_providers_settings, second_oidc_provider
):
    two_providers_settings.SITE_URL = live_server.url
    second_oidc_provider.add_person("jonas", email="jonas@ilm-kreis.example", verified=True, name="Jonas Kreis")
    page.goto(live_server.url + "/konto/anmelden/?next=/projekte/")
    page.get_by_role("link", name=BUTTONS["kreis"]).click()
    # The Kreis' provider's own login page (its port, not the Land's), then its consent page.
    expect(page.get_by_label("Benutzername")).to_be_visible()
    assert page.url.startswith(second_oidc_provider.issuer.removesuffix("/o") + "/login/")
    page.get_by_label("Benutzername").fill("jonas")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden beim Anmeldedienst").click()
    page.locator("input[name=allow]").click()
    page.wait_for_url(live_server.url + "/projekte/")
    jonas = User.objects.get(email="jonas@ilm-kreis.example")
    assert list(ExternalIdentity.objects.filter(user=jonas).values_list("issuer", flat=True)) == [
        second_oidc_provider.issuer
    ]
    page.goto(live_server.url + "/konto/")
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(live_server.url + "/")  # through the Kreis' logout and back
    expect(page.get_by_role("button", name="Abmelden")).to_have_count(0)
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_role("link", name=BUTTONS["kreis"]).click()
    expect(page.get_by_label("Benutzername")).to_be_visible()  # the Kreis' provider asks again
