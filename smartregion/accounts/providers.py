"""The identity providers of this installation (OpenID Connect; ADR 0027 and its addendum): read once from the
environment by settings.py, turned into `Provider`s here at each use.

- The single-provider variables `OIDC_ISSUER`, `OIDC_CLIENT_ID`, … (settings `OIDC_OP_*`/`OIDC_RP_*`) stay what
  they were: the provider with the key `default`, its login at `/konto/anmelden/verwaltung/` and its callback
  at `/oidc/callback/`, as registered at the provider.
- `OIDC_PROVIDERS=land,kreis` adds providers by key, each from `OIDC_<KEY>_ISSUER`, `OIDC_<KEY>_CLIENT_ID`, …
  (the suffixes in `SUFFIXES`; a `-` in a key is `_` in the variable's name); login at
  `/konto/anmelden/verwaltung/<key>/`, callback at `/oidc/callback/<key>/`.

No Django model is imported here: settings.py imports this module.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings

DEFAULT_KEY = "default"
KEY_PATTERN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
# The variables of one provider: OIDC_<KEY>_<SUFFIX>, read into settings.OIDC_PROVIDERS[key][suffix.lower()].
TEXT_SUFFIXES = (
    "ISSUER",
    "CLIENT_ID",
    "CLIENT_SECRET",
    "AUTHORIZATION_ENDPOINT",
    "TOKEN_ENDPOINT",
    "USERINFO_ENDPOINT",
    "JWKS_ENDPOINT",
    "END_SESSION_ENDPOINT",
    "PROVIDER_NAME",
    "SIGN_ALGORITHM",
    "SCOPES",
    "GROUPS_CLAIM",
)
SUFFIXES = (*TEXT_SUFFIXES, "ROLE_MAPPING", "CREATE_USERS")
REQUIRED = ("issuer", "client_id", "client_secret", "authorization_endpoint", "token_endpoint")
REQUIRED += ("userinfo_endpoint", "jwks_endpoint")
DEFAULTS = {"sign_algorithm": "RS256", "scopes": "openid email profile", "groups_claim": "groups"}
# The single provider's settings (names kept from before several providers), by the same field names.
LEGACY_SETTINGS = {
    "issuer": "OIDC_OP_ISSUER",
    "client_id": "OIDC_RP_CLIENT_ID",
    "client_secret": "OIDC_RP_CLIENT_SECRET",  # nosec B105 (a variable's name)
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",  # nosec B105 (a variable's name)
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_endpoint": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "OIDC_OP_END_SESSION_ENDPOINT",
    "provider_name": "OIDC_PROVIDER_NAME",
    "sign_algorithm": "OIDC_RP_SIGN_ALGO",
    "scopes": "OIDC_RP_SCOPES",
    "groups_claim": "OIDC_GROUPS_CLAIM",
    "role_mapping": "OIDC_ROLE_MAPPING",
    "create_users": "OIDC_CREATE_USER",
}
LEGACY_VARIABLES = {
    "issuer": "OIDC_ISSUER",
    "client_id": "OIDC_CLIENT_ID",
    "client_secret": "OIDC_CLIENT_SECRET",  # nosec B105 (a variable's name)
    "authorization_endpoint": "OIDC_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_TOKEN_ENDPOINT",  # nosec B105 (a variable's name)
    "userinfo_endpoint": "OIDC_USERINFO_ENDPOINT",
    "jwks_endpoint": "OIDC_JWKS_ENDPOINT",
}


def variable_prefix(key: str) -> str:
    return "OIDC_" + key.upper().replace("-", "_") + "_"


def listed_keys(raw: str) -> list[str]:
    """The keys of `OIDC_PROVIDERS` as written (trimmed, lower case, empty ones dropped; duplicates kept so
    that the checks can name them)."""
    return [key.strip().lower() for key in raw.split(",") if key.strip()]


def read_environment(env) -> dict[str, dict]:
    """settings.OIDC_PROVIDERS: per key of `OIDC_PROVIDERS` its variables (django-environ's `env`), by the
    lower-case suffix. Nothing is judged here; accounts.checks reports a bad key or configuration."""
    providers = {}
    for key in listed_keys(env.str("OIDC_PROVIDERS", default="")):
        prefix = variable_prefix(key)
        values = {suffix.lower(): env.str(prefix + suffix, default="") for suffix in TEXT_SUFFIXES}
        values["role_mapping"] = env.dict(prefix + "ROLE_MAPPING", default={})
        values["create_users"] = env.bool(prefix + "CREATE_USERS", default=True)
        providers[key] = values
    return providers


def unlisted_prefixes(environ: Mapping[str, str], keys) -> list[str]:
    """`OIDC_<KEY>_` prefixes of set variables whose key `OIDC_PROVIDERS` does not list (a forgotten key or a
    typo: those variables are read by nobody)."""
    listed = {variable_prefix(key) for key in keys}
    found = set()
    for name, value in environ.items():
        if not value or not name.startswith("OIDC_"):
            continue
        suffix = next((suffix for suffix in SUFFIXES if name.endswith("_" + suffix)), None)
        prefix = name[: -len(suffix)] if suffix else ""
        if len(prefix) > len("OIDC_") and prefix not in listed:  # "OIDC_" + suffix: the single provider's
            found.add(prefix)
    return sorted(found)


@dataclass(frozen=True)
class Provider:
    key: str
    issuer: str = ""
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    userinfo_endpoint: str = ""
    jwks_endpoint: str = ""
    end_session_endpoint: str = ""
    provider_name: str = ""
    sign_algorithm: str = DEFAULTS["sign_algorithm"]
    scopes: str = DEFAULTS["scopes"]
    groups_claim: str = DEFAULTS["groups_claim"]
    role_mapping: dict = field(default_factory=dict, hash=False)
    create_users: bool = True

    @property
    def is_default(self) -> bool:
        return self.key == DEFAULT_KEY

    @property
    def missing(self) -> list[str]:
        """The required fields left empty."""
        return [name for name in REQUIRED if not getattr(self, name)]

    @property
    def is_complete(self) -> bool:
        return not self.missing

    def variable(self, name: str) -> str:
        """The environment variable an operator sets for this field (for the checks' messages)."""
        if self.is_default:
            return LEGACY_VARIABLES.get(name) or "OIDC_" + name.upper()
        return variable_prefix(self.key) + name.upper()


def provider_from(key: str, values: Mapping) -> Provider:
    """A provider from its values by field name (settings.OIDC_PROVIDERS[key]); an empty optional one is its default."""
    known = {name: values[name] for name in Provider.__dataclass_fields__ if name != "key" and name in values}
    for name, default in DEFAULTS.items():
        known[name] = known.get(name) or default  # an empty variable means the default, as for the single one
    return Provider(key=key, **known)


def legacy() -> Provider | None:
    """The provider of the single-provider settings, or None when none of its required ones is set."""
    values = {name: getattr(settings, setting, "") for name, setting in LEGACY_SETTINGS.items()}
    if not any(values[name] for name in REQUIRED):
        return None
    return provider_from(DEFAULT_KEY, values)


def configured() -> list[Provider]:
    """Every provider with something configured, complete or not, in the order of the login page (the single
    one first, then as `OIDC_PROVIDERS` lists them)."""
    single = legacy()
    providers = [single] if single else []
    for key, values in (getattr(settings, "OIDC_PROVIDERS", None) or {}).items():
        if key != DEFAULT_KEY and KEY_PATTERN.fullmatch(key):
            providers.append(provider_from(key, values))
    return providers


def enabled() -> list[Provider]:
    """The providers a person can sign in with (completely configured); the checks report the others."""
    return [provider for provider in configured() if provider.is_complete]


def get(key: str | None) -> Provider | None:
    """The enabled provider of this key (None: the single one), or None."""
    key = key or DEFAULT_KEY
    return next((provider for provider in enabled() if provider.key == key), None)
