"""Start the test OpenID Connect provider as its own server on loopback, and a browser-less person for it.

`TestProvider.start(folder)` migrates a fresh SQLite database in `folder`, writes an RSA key, registers the
platform as a client and runs Django's server (django-oauth-toolkit) on OIDC_TEST_PROVIDER_PORT or a free port.
Several can run side by side (an installation with several providers): each has its own port, database, key,
client id, cookies and the platform's callback addresses registered for it (`callback_paths`).
`ProviderBrowser` signs in at the provider's login page and answers its consent page with plain HTTP, so the
platform's side can be driven by Django's test client (the e2e test uses a real browser instead).
"""

import os
import re
import socket
import subprocess  # nosec B404 (starts the test provider)
import sys
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

REPO = Path(__file__).resolve().parents[2]
CLIENT_ID = "smart-region-hub"
CLIENT_SECRET = "test-secret-of-the-platform"  # nosec B105 (test provider only)
# The platform's addresses as the provider knows them: Django's test client and any live server on loopback
# (the provider allows any port for loopback addresses, RFC 8252).
PLATFORM_ORIGINS = ["http://testserver", "http://localhost"]
POST_LOGOUT_REDIRECT_URIS = [f"{origin}/" for origin in PLATFORM_ORIGINS]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class TestProvider:
    folder: Path
    port: int
    client_id: str = CLIENT_ID
    # the platform's callbacks this provider accepts: the single provider's, or /oidc/callback/<key>/
    callback_paths: tuple[str, ...] = ("/oidc/callback/",)
    process: subprocess.Popen | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}/o"

    def environment(self) -> dict:
        return {
            **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))},
            "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
            "PROVIDER_ISSUER": self.issuer,
            "PROVIDER_DATABASE": str(self.folder / "provider.sqlite3"),
            "PROVIDER_RSA_KEY_FILE": str(self.folder / "provider-key.pem"),
            "PYTHONPATH": str(REPO),
            "PROVIDER_COOKIE_SUFFIX": str(self.port),  # two providers on 127.0.0.1 keep their own sessions
        }

    def manage(self, *arguments: str) -> str:
        result = subprocess.run(  # nosec B603 (our own interpreter and arguments)
            [sys.executable, "-m", "django", *arguments],
            cwd=REPO,
            env=self.environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"provider {arguments[0]} failed:\n{result.stderr}")
        return result.stdout.strip()

    def settings_for_platform(self) -> dict:
        """The platform's OIDC settings for this provider (what an operator puts in the environment)."""
        return {
            "OIDC_OP_ISSUER": self.issuer,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token/",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/.well-known/jwks.json",
            "OIDC_OP_END_SESSION_ENDPOINT": f"{self.issuer}/logout/",
        }

    def provider_settings(self, name: str, **more) -> dict:
        """One entry of the platform's settings.OIDC_PROVIDERS for this provider (what OIDC_<KEY>_… give)."""
        return {
            "issuer": self.issuer,
            "client_id": self.client_id,
            "client_secret": CLIENT_SECRET,
            "authorization_endpoint": f"{self.issuer}/authorize/",
            "token_endpoint": f"{self.issuer}/token/",
            "userinfo_endpoint": f"{self.issuer}/userinfo/",
            "jwks_endpoint": f"{self.issuer}/.well-known/jwks.json",
            "end_session_endpoint": f"{self.issuer}/logout/",
            "provider_name": name,
            "sign_algorithm": "RS256",
            "scopes": "openid email profile",
            "groups_claim": "groups",
            "role_mapping": {},
            "create_users": True,
            **more,
        }

    def add_person(
        self, username: str, *, email: str, verified: bool, name: str = "", groups=(), subject: str = ""
    ) -> str:
        """Create or change a person at the provider; returns the subject (`sub`) it will assert (the
        provider's user id; `subject` chooses it for a new person)."""
        arguments = ["provider_user", username, "--password", PASSWORD, "--email", email, "--name", name]
        arguments += ["--groups", ",".join(groups)] + (["--verified"] if verified else [])
        arguments += ["--subject", subject] if subject else []
        return self.manage(*arguments)

    def start(self) -> "TestProvider":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        (self.folder / "provider-key.pem").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        self.manage("migrate", "--verbosity", "0")
        client = ["provider_client", "--client-id", self.client_id, "--client-secret", CLIENT_SECRET]
        redirect_uris = [origin + path for origin in PLATFORM_ORIGINS for path in self.callback_paths]
        client += [item for uri in redirect_uris for item in ("--redirect-uri", uri)]
        client += [item for uri in POST_LOGOUT_REDIRECT_URIS for item in ("--post-logout-redirect-uri", uri)]
        self.manage(*client)
        log = (self.folder / "provider.log").open("w")
        self.process = subprocess.Popen(  # nosec B603 (our own interpreter and arguments)
            [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=REPO,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.folder / "provider.log").read_text())
            try:
                if requests.get(f"{self.issuer}/.well-known/jwks.json", timeout=2).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)  # the server is still starting; readiness poll, not a timing assumption
        raise RuntimeError("the test provider did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


PASSWORD = "provider-password-1"  # nosec B105 (test accounts only)


class ProviderBrowser:
    """Plays the browser at the provider: its own cookies, plain HTTP, no JavaScript (the provider needs none)."""

    def __init__(self):
        self.session = requests.Session()

    def authorize(self, authorization_url: str, username: str, *, consent: bool = True) -> str:
        """Follow the platform's redirect to the provider, sign in, consent; return where the provider sends
        the browser back (the platform's callback with code and state)."""
        answer = self.session.get(authorization_url, allow_redirects=True, timeout=10)
        if "id_username" in answer.text:  # the provider's login page
            answer = self.session.post(
                answer.url,
                data={**_hidden_fields(answer.text), "username": username, "password": PASSWORD},
                allow_redirects=False,
                timeout=10,
            )
            assert answer.status_code == 302, answer.text[:500]
            answer = self.session.get(
                urljoin(answer.url, answer.headers["Location"]), allow_redirects=False, timeout=10
            )
        if answer.status_code == 200 and "authorizationForm" in answer.text:  # consent
            fields = _hidden_fields(answer.text)
            if consent:
                fields["allow"] = "Authorize"
            answer = self.session.post(answer.url, data=fields, allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text[:500]
        return answer.headers["Location"]

    def follow(self, url: str) -> requests.Response:
        return self.session.get(url, allow_redirects=False, timeout=10)


def _hidden_fields(html: str) -> dict:
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="hidden"' in tag:
            fields[unescape(name.group(1))] = unescape(value.group(1)) if value else ""
    return fields
