"""System checks of the identity-provider configuration (ADR 0027 and its addendum): a half-configured provider,
a bad key or role mapping, two providers with one issuer or buttons nobody can tell apart stop
`manage.py check --deploy` and the start, instead of a sign-in failing later."""

import os
from collections import defaultdict

from django.conf import settings
from django.core import checks

from . import oidc, providers


@checks.register(checks.Tags.security)
def provider_configuration(app_configs, **kwargs):
    problems = _listed_keys()
    configured = providers.configured()
    for provider in configured:
        problems += _one_provider(provider)
    problems += _issuers_apart(configured) + _buttons_apart(providers.enabled()) + _unlisted_variables()
    return problems


def _listed_keys() -> list[checks.CheckMessage]:
    problems = []
    for key in getattr(settings, "OIDC_PROVIDERS", None) or {}:
        if key == providers.DEFAULT_KEY:
            problems.append(
                checks.Error(
                    f"OIDC_PROVIDERS: the key {key!r} is the provider of OIDC_ISSUER, OIDC_CLIENT_ID, …",
                    hint="Give the provider another key, or configure it with the variables without a key.",
                    id="accounts.E003",
                )
            )
        elif not providers.KEY_PATTERN.fullmatch(key):
            problems.append(
                checks.Error(
                    f"OIDC_PROVIDERS: {key!r} is no key",
                    hint="A key is lower-case letters and digits, starting with a letter, parts joined by '-' "
                    "(land, kreis-jena); its variables are OIDC_<KEY>_… with '-' as '_'.",
                    id="accounts.E003",
                )
            )
    return problems


def _one_provider(provider: providers.Provider) -> list[checks.CheckMessage]:
    problems = []
    missing = provider.missing
    if len(missing) == len(providers.REQUIRED):  # only a listed key can be configured not at all
        problems.append(
            checks.Error(
                f"OIDC_PROVIDERS lists {provider.key!r}, but none of its variables is set",
                hint=f"Set {provider.variable('issuer')}, {provider.variable('client_id')} and the others "
                "(docs/operations.md), or remove the key from OIDC_PROVIDERS.",
                id="accounts.E004",
            )
        )
    elif missing:
        problems.append(
            checks.Error(
                f"OpenID Connect provider {provider.key!r} is configured only in part; missing: "
                + ", ".join(provider.variable(name) for name in missing),
                hint="Set the issuer, client id and secret and the four endpoints of the provider, or none.",
                id="accounts.E001",
            )
        )
    try:
        oidc.parse_role_mapping(provider.role_mapping)
    except ValueError as problem:
        problems.append(checks.Error(f"{provider.variable('role_mapping')}: {problem}", id="accounts.E002"))
    return problems


def _issuers_apart(configured: list[providers.Provider]) -> list[checks.CheckMessage]:
    """A link to an account is per issuer: two providers with one issuer would share every person's link."""
    keys_by_issuer = defaultdict(list)
    for provider in configured:
        if provider.issuer:
            keys_by_issuer[provider.issuer.rstrip("/")].append(provider)
    return [
        checks.Error(
            f"OpenID Connect providers share the issuer {issuer}: "
            + ", ".join(provider.variable("issuer") for provider in same),
            hint="One provider per issuer: remove the second, or give each realm its own provider.",
            id="accounts.E005",
        )
        for issuer, same in keys_by_issuer.items()
        if len(same) > 1
    ]


def _buttons_apart(enabled: list[providers.Provider]) -> list[checks.CheckMessage]:
    """With several providers the login page shows a button each: "Mit <name> anmelden"."""
    if len(enabled) < 2:
        return []
    names = [provider.provider_name.strip().casefold() for provider in enabled]
    unnamed = [provider.variable("provider_name") for provider in enabled if not provider.provider_name.strip()]
    if unnamed:
        return [
            checks.Error(
                "Several OpenID Connect providers, but without a name for the login page's button: "
                + ", ".join(unnamed),
                hint="Set the name the staff know the service by (BayernID, Nubus des Landkreises …).",
                id="accounts.E006",
            )
        ]
    if len(set(names)) < len(names):
        return [
            checks.Error(
                "Two OpenID Connect providers have the same name: the login page's buttons look the same",
                hint="Give each provider its own name ("
                + ", ".join(p.variable("provider_name") for p in enabled)
                + ").",
                id="accounts.E006",
            )
        ]
    return []


def _unlisted_variables() -> list[checks.CheckMessage]:
    listed = (getattr(settings, "OIDC_PROVIDERS", None) or {}).keys()
    return [
        checks.Warning(
            f"{prefix}… variables are set, but OIDC_PROVIDERS does not list their key: they are not read",
            hint=f"Add {prefix.removeprefix('OIDC_').removesuffix('_').lower().replace('_', '-')} to "
            "OIDC_PROVIDERS, or remove the variables.",
            id="accounts.W001",
        )
        for prefix in providers.unlisted_prefixes(os.environ, listed)
    ]
