"""Sign-in through the administrations' identity providers (OpenID Connect; ADR 0027 and its addendum).

mozilla-django-oidc does the protocol (authorization code with PKCE, state, nonce, the ID token's signature
against the provider's JWKS); this module decides who the person is here:

- a known (issuer, sub) is that account, whatever the e-mail address says today;
- otherwise only an address the provider asserts as verified (`email_verified` true) links to an existing
  account or makes a new one; an account already linked to another subject at this provider is not taken;
- optionally, groups of the provider grant territory and network roles (its role mapping, off by default);
  roles granted this way are recorded on that provider's link and withdrawn when the group is no longer
  asserted there.

An installation may have several providers (`accounts.providers`): a sign-in is at one of them from the button
to the callback (the `state` is bound to the provider that started it), and the session remembers which one,
for signing out there.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from smartregion.core.refusals import Refused
from smartregion.core.siteurl import absolute

from . import providers, role_sources
from .enums import NetworkRoleKind, TerritoryRoleKind
from .models import ExternalIdentity, User
from .providers import Provider

logger = logging.getLogger(__name__)

ROLE_STRENGTH = {TerritoryRoleKind.EDITOR: 1, TerritoryRoleKind.ADMIN: 2, NetworkRoleKind.COORDINATOR: 1}
# What a session keeps of a sign-in at a provider: which one, and its ID token (the hint for its logout).
SESSION_PROVIDER = "oidc_provider"
SESSION_ID_TOKEN = "oidc_id_token"  # noqa: S105  # nosec B105 (the name of a session entry, not a secret)
SESSION_LEFTOVERS = (SESSION_PROVIDER, SESSION_ID_TOKEN, "oidc_access_token", "oidc_id_token_expiration")


def is_enabled() -> bool:
    return bool(providers.enabled())


def provider_name(provider: Provider) -> str:
    return provider.provider_name or _("Anmeldedienst Ihrer Verwaltung")


def button_text(provider: Provider) -> str:
    if provider.provider_name:
        return _("Mit %(provider)s anmelden") % {"provider": provider.provider_name}
    return _("Mit dem Konto Ihrer Verwaltung anmelden")


def login_path(provider: Provider) -> str:
    """Where the provider's button starts; the single provider's address is kept from before."""
    if provider.is_default:
        return reverse("accounts:oidc_login")
    return reverse("accounts:oidc_login_at", kwargs={"key": provider.key})


def callback_url(provider: Provider) -> str:
    """The redirect URI registered at the provider: from SITE_URL, never from the request's host
    (core.siteurl). The single provider's stays `/oidc/callback/`, as registered before there were several."""
    if provider.is_default:
        return absolute(reverse("oidc_callback"))
    return absolute(reverse("oidc_callback_at", kwargs={"key": provider.key}))


class ProviderSignInRefused(Refused):
    """The provider said who the person is, but we do not let that sign in here (message for the person)."""


# --- Role mapping --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MappedRole:
    kind: str  # "territory" or "network"
    key: str  # ARS/AGS or network slug
    role: str


def parse_role_mapping(raw: dict) -> dict[str, MappedRole]:
    """`{"group": "territory:<ARS or AGS>:<editor|admin>" | "network:<slug>:coordinator"}` → MappedRole per group.
    Raises ValueError naming the first malformed entry."""
    mapping = {}
    for group, value in raw.items():
        parts = str(value).split(":")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"{group}={value}: expected territory:<ARS or AGS>:<role> or network:<slug>:<role>")
        kind, key, role = parts
        allowed = {"territory": TerritoryRoleKind.values, "network": NetworkRoleKind.values}.get(kind)
        if allowed is None or role not in allowed:
            raise ValueError(f"{group}={value}: kind territory or network, role one of {allowed or '…'}")
        mapping[str(group)] = MappedRole(kind, key, role)
    return mapping


def _groups_in(claims: dict, provider: Provider) -> list[str]:
    groups = claims.get(provider.groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    return [str(group) for group in groups if isinstance(group, str | int)]


def _target_id(mapped: MappedRole) -> int | None:
    """The territory (ARS, or AGS of exactly one) or network (slug) a mapped group names, read by the app that
    holds that kind of role (accounts.role_sources)."""
    kind = role_sources.kind(mapped.kind)
    return kind.target_id(mapped.key) if kind else None


def apply_role_mapping(identity: ExternalIdentity, claims: dict, provider: Provider) -> None:
    """Grant the roles the asserted groups map to (this provider's mapping and groups claim); withdraw those an
    earlier sign-in at this provider granted whose group is gone.

    What the provider granted is recorded on its own link (`identity.mapped_roles`), so a role another provider
    granted, or one given on the platform (invitation, access request, admin), is never changed or withdrawn
    here. With the mapping off (empty), nothing is touched."""
    mapping = parse_role_mapping(provider.role_mapping)
    if not mapping:
        return
    wanted: dict[tuple[str, int], str] = {}
    for group in _groups_in(claims, provider):
        mapped = mapping.get(group)
        target_id = _target_id(mapped) if mapped else None
        if target_id is None:
            continue
        current = wanted.get((mapped.kind, target_id))
        if current is None or ROLE_STRENGTH[mapped.role] > ROLE_STRENGTH[current]:
            wanted[(mapped.kind, target_id)] = mapped.role
    earlier = {(kind, target_id): role for kind, target_id, role in identity.mapped_roles}
    granted = []
    for (kind, target_id), role in sorted(wanted.items()):
        role_kind = role_sources.kind(kind)
        existing = role_kind.role_row(identity.user, target_id)
        if existing is None:
            role_kind.create_role(identity.user, target_id, role)
        elif (kind, target_id) in earlier and existing.role == earlier[(kind, target_id)]:
            if existing.role != role:
                existing.role = role
                existing.save(update_fields=["role", "updated_at"])
        else:
            continue  # given on the platform or by another provider: not ours
        granted.append([kind, target_id, role])
    for (kind, target_id), role in earlier.items():
        if (kind, target_id) in wanted:
            continue
        role_kind = role_sources.kind(kind)
        if role_kind:
            role_kind.remove_roles(identity.user, target_id, role)
    identity.mapped_roles = granted


# --- Who signs in ---------------------------------------------------------------------------------------


def email_is_verified(claims: dict) -> bool:
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.lower() == "true")


@transaction.atomic
def sign_in(*, claims: dict, provider: Provider) -> User:
    """The account for these (verified) claims of this provider; linked or made on first sign-in."""
    issuer, subject = provider.issuer, str(claims.get("sub") or "")
    if not subject:
        raise SuspiciousOperation("OIDC claims without sub")
    identity = ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is None:
        identity = _link(provider=provider, subject=subject, claims=claims)
    user = identity.user
    if not user.is_active:
        raise ProviderSignInRefused(
            _("Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Plattform-Administration.")
        )
    identity.last_sign_in_at = timezone.now()
    apply_role_mapping(identity, claims, provider)
    identity.save()
    return user


def _link(*, provider: Provider, subject: str, claims: dict) -> ExternalIdentity:
    issuer = provider.issuer
    email = User.objects.normalize_email_address(claims.get("email") or "")
    if not email or not email_is_verified(claims):
        raise ProviderSignInRefused(
            _(
                "%(provider)s hat Ihre E-Mail-Adresse nicht als bestätigt gemeldet. Ohne bestätigte Adresse können "
                "wir Sie keinem Konto zuordnen und keines anlegen. Bitte bestätigen Sie die Adresse dort, oder "
                "melden Sie sich hier mit E-Mail-Adresse und Passwort an."
            )
            % {"provider": provider_name(provider)}
        )
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        if not provider.create_users:
            raise ProviderSignInRefused(
                _(
                    "Zu Ihrer Adresse gibt es hier noch kein Konto. Bitte lassen Sie sich einladen oder "
                    "registrieren Sie sich; danach können Sie sich über %(provider)s anmelden."
                )
                % {"provider": provider_name(provider)}
            )
        user = User.objects.create_user(email, password=None, full_name=str(claims.get("name") or "")[:150])
    elif user.external_identities.filter(issuer=issuer).exists():
        raise ProviderSignInRefused(
            _(
                "Dieses Konto ist schon mit einer anderen Kennung bei %(provider)s verknüpft. Bitte melden Sie "
                "sich mit E-Mail-Adresse und Passwort an oder wenden Sie sich an die Plattform-Administration."
            )
            % {"provider": provider_name(provider)}
        )
    if user.email_confirmed_at is None:  # the provider asserts the address as verified: notifications may mail it
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    identity = ExternalIdentity(user=user, issuer=issuer, subject=subject, email_at_link=email)
    identity._history_user = user
    identity.save()
    logger.info("OIDC: account %s linked to %s (%s)", user.pk, issuer, subject)
    return identity


# --- The session ---------------------------------------------------------------------------------------


def remember_sign_in(session, *, provider: Provider, id_token: str) -> None:
    """After a sign-in at this provider, and only then: which provider, and its ID token for its logout."""
    session[SESSION_PROVIDER] = provider.key
    session[SESSION_ID_TOKEN] = id_token


def forget_provider_session(session) -> None:
    """Nothing of a provider stays in a session that did not sign in through it: a password session signs out
    here only, and nobody's ID token is sent to a provider as a hint."""
    for name in SESSION_LEFTOVERS:
        session.pop(name, None)


def end_session_url(request) -> str:
    """Where to send the browser to sign out at the provider this session signed in with; "" when it did not
    begin at a provider, or that provider has no logout (or is no longer configured)."""
    id_token = request.session.get(SESSION_ID_TOKEN)
    # A session from before several providers has the token but no key: it began at the single one.
    provider = providers.get(request.session.get(SESSION_PROVIDER) or providers.DEFAULT_KEY)
    if not (provider and provider.end_session_endpoint and id_token):
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": absolute(resolve_url(settings.LOGOUT_REDIRECT_URL)),
            "client_id": provider.client_id,
        }
    )
    separator = "&" if "?" in provider.end_session_endpoint else "?"
    return f"{provider.end_session_endpoint}{separator}{query}"


class ProviderBackend(OIDCAuthenticationBackend):
    """The authentication backend of the providers' callbacks, for the provider the callback view names
    (`request.identity_provider`); without one it authenticates nobody. It answers no permission questions
    (ModelBackend and rules do)."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()  # the library's settings are the provider's: set in authenticate
        self.provider = None

    def authenticate(self, request, **kwargs):
        # Only the callback view names a provider and passes a nonce; a password login never reaches one.
        provider = getattr(request, "identity_provider", None)
        if provider is None or "nonce" not in kwargs or "password" in kwargs:
            return None
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.sign_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_token(self, payload):
        # the redirect URI this provider was sent with the authorization request
        return super().get_token({**payload, "redirect_uri": callback_url(self.provider)})

    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; the issuer and audience are checked here."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if payload.get("iss") != self.provider.issuer or self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token of another issuer or audience")
        return payload

    def store_tokens(self, access_token, id_token):
        """Held on the request, not written to the session: the callback view keeps the ID token only when the
        sign-in succeeds (a refused one leaves nothing of the provider in the session)."""
        self.request.provider_id_token = id_token

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub", "")) != str(payload.get("sub", "")):
            raise SuspiciousOperation("userinfo sub differs from the ID token's")
        try:
            return sign_in(claims={**payload, **userinfo}, provider=self.provider)
        except ProviderSignInRefused as refusal:
            self.request.provider_refusal = str(refusal)  # the callback view shows it
            return None

    def get_user(self, user_id):
        return ModelBackend.get_user(self, user_id)  # an inactive account's session ends, as with passwords

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def get_all_permissions(self, user_obj, obj=None):
        return set()
