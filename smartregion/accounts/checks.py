"""System checks of the identity-provider configuration (ADR 0027): a half configuration or a malformed role
mapping stops `manage.py check --deploy` and the start, instead of a sign-in failing later."""

from django.conf import settings
from django.core import checks

from . import oidc


@checks.register(checks.Tags.security)
def provider_configuration(app_configs, **kwargs):
    errors = []
    missing = oidc.missing_settings()
    if missing:
        errors.append(
            checks.Error(
                "OpenID Connect is configured only in part; missing: " + ", ".join(missing),
                hint="Set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and the four endpoints, or none.",
                id="accounts.E001",
            )
        )
    try:
        oidc.parse_role_mapping(settings.OIDC_ROLE_MAPPING)
    except ValueError as problem:
        errors.append(checks.Error(f"OIDC_ROLE_MAPPING: {problem}", id="accounts.E002"))
    return errors
