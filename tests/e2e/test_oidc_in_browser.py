"""Sign-in through the administration's identity provider in a real browser (ADR 0027): the button on the
login page, the provider's login and consent pages (tests/oidc_provider, a real server on loopback), back signed
in; signing out ends the session at the provider too. The login page with the button, German and English."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from smartregion.accounts.models import ExternalIdentity, User

from ..oidc_provider.server import PASSWORD
from .conftest import serious_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)


def _shots(tmp_path) -> Path:
    folder = Path(os.environ.get("OIDC_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


OVERLAPS = """async (selector) => {
  await document.fonts.ready;  // the layout with the web fonts, not the fallback's
  const shown = [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length);
  const boxes = shown.map((el) => el.getBoundingClientRect());  // all in one layout, not one round trip each
  const name = (el) => (el.innerText || el.name || '').trim();
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        found.push(`'${name(shown[i])}' overlaps '${name(shown[j])}'`);
      }
    }
  }
  return found;
}"""


def _overlaps(page, selector: str) -> list[str]:
    """Pairs of the selected elements whose boxes overlap. The boxes are read in one script, after the fonts
    are in: read one by one, they came from different layouts while the web font replaced the fallback."""
    return page.evaluate(OVERLAPS, selector)


def test_the_login_page_shows_the_providers_button_in_german_and_english(page, live_server, oidc_settings, tmp_path):
    oidc_settings.SITE_URL = live_server.url
    shots = _shots(tmp_path)
    for prefix, size in [("", (1280, 900)), ("/en", (1280, 900)), ("", (360, 740))]:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.goto(f"{live_server.url}{prefix}/konto/anmelden/")
        button = page.locator(f'main a[href="{prefix}/konto/anmelden/verwaltung/"]')
        expect(button).to_be_visible()
        expect(button).to_contain_text("Test-Anmeldedienst")
        assert _overlaps(page, "main a.kern-btn, main input:not([type=hidden]), main button") == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_accessibility_violations(page) == []
        page.screenshot(path=str(shots / f"login{prefix.replace('/', '-') or '-de'}-{size[0]}.png"), full_page=True)


def test_sign_in_at_the_provider_and_back_then_sign_out_there_too(page, live_server, oidc_settings, oidc_provider):
    oidc_settings.SITE_URL = live_server.url
    oidc_provider.add_person("lena", email="lena@landratsamt.example", verified=True, name="Lena Lang")
    page.goto(live_server.url + "/konto/anmelden/?next=/projekte/")
    page.get_by_role("link", name="Mit Test-Anmeldedienst anmelden").click()
    # The provider's own login page, then its consent page.
    expect(page.get_by_role("heading", name="Test-Anmeldedienst der Verwaltung")).to_be_visible()
    assert page.url.startswith(oidc_provider.issuer.removesuffix("/o") + "/login/")
    page.get_by_label("Benutzername").fill("lena")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden beim Anmeldedienst").click()
    page.locator("input[name=allow]").click()
    # Back on the platform, signed in, where the person wanted to go.
    page.wait_for_url(live_server.url + "/projekte/")
    lena = User.objects.get(email="lena@landratsamt.example")
    assert ExternalIdentity.objects.filter(user=lena, issuer=oidc_provider.issuer).exists()
    page.goto(live_server.url + "/konto/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    # Signing out goes through the provider's logout and back to the start page, signed out at both.
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("button", name="Abmelden")).to_have_count(0)
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_role("link", name="Mit Test-Anmeldedienst anmelden").click()
    expect(page.get_by_label("Benutzername")).to_be_visible()  # the provider asks again
