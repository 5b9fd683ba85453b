"""A tiny OpenID Connect provider for the tests (django-oauth-toolkit), run as its own server on loopback.

Not part of the platform: the sign-in tests start it (`tests/oidc_provider/server.py`) with a SQLite file and an
RSA key in a temporary folder, so the platform talks to a real provider over HTTP: discovery-free endpoints,
signed ID tokens (RS256), userinfo, consent and RP-initiated logout.
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("PROVIDER_SECRET_KEY", "test-provider-only")  # nosec B105 (a test server)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ISSUER = os.environ["PROVIDER_ISSUER"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oauth2_provider",
    "tests.oidc_provider.people",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["PROVIDER_DATABASE"]}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; test accounts only
USE_TZ = True
LANGUAGE_CODE = "de"
LOGIN_URL = "/login/"
# The platform and other test providers run on the same host (cookies ignore ports): names of this one's own.
SESSION_COOKIE_NAME = "provider_session" + os.environ.get("PROVIDER_COOKIE_SUFFIX", "")
CSRF_COOKIE_NAME = "provider_csrftoken" + os.environ.get("PROVIDER_COOKIE_SUFFIX", "")

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_ISS_ENDPOINT": ISSUER,
    "OIDC_RSA_PRIVATE_KEY": Path(os.environ["PROVIDER_RSA_KEY_FILE"]).read_text(),
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.people.validator.ClaimsValidator",
    "SCOPES": {"openid": "OpenID Connect", "email": "E-Mail-Adresse", "profile": "Name und Gruppen"},
    "PKCE_REQUIRED": False,
    "ALLOW_LOCALHOST_LOOPBACK": True,
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
}
