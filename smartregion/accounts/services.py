"""Writes with behaviour around accounts: roles, invitations, sign-up, login throttling."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import NetworkRoleKind, TerritoryRoleKind
from .models import ApiToken, Invitation, NetworkRole, TerritoryRole, User
from .rules import forget_roles


class InvitationError(Exception):
    pass


# --- Roles ------------------------------------------------------------------------------------


@transaction.atomic
def grant_territory_role(*, user, territory, role: str, by=None) -> TerritoryRole:
    if role not in TerritoryRoleKind.values:
        raise ValueError(f"unknown territory role {role!r}")
    membership, created = TerritoryRole.objects.get_or_create(
        user=user, territory=territory, defaults={"role": role, "granted_by": by}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.granted_by = by
        membership.save()
    forget_roles(user)
    return membership


@transaction.atomic
def revoke_territory_role(*, user, territory, by=None) -> None:
    for membership in TerritoryRole.objects.filter(user=user, territory=territory):
        membership._history_user = by
        membership.delete()
    forget_roles(user)


@transaction.atomic
def grant_network_role(*, user, network, by=None) -> NetworkRole:
    membership, _created = NetworkRole.objects.get_or_create(
        user=user, network=network, defaults={"role": NetworkRoleKind.COORDINATOR, "granted_by": by}
    )
    forget_roles(user)
    return membership


@transaction.atomic
def revoke_network_role(*, user, network, by=None) -> None:
    for membership in NetworkRole.objects.filter(user=user, network=network):
        membership._history_user = by
        membership.delete()
    forget_roles(user)


# --- Sign-up and invitations ------------------------------------------------------------------


@transaction.atomic
def register_user(*, email: str, password: str, full_name: str = "") -> User:
    return User.objects.create_user(email=email, password=password, full_name=full_name)


@transaction.atomic
def invite(*, email: str, by, base_url: str, territory=None, territory_role: str = "", network=None) -> Invitation:
    """Invite somebody by e-mail to a role in a territory or a network and send the link."""
    if (territory is None) == (network is None):
        raise ValueError("invite to exactly one territory or network")
    if territory is not None and territory_role not in TerritoryRoleKind.values:
        raise ValueError(f"unknown territory role {territory_role!r}")
    invitation = Invitation.objects.create(
        email=User.objects.normalize_email_address(email),
        territory=territory,
        territory_role=territory_role if territory is not None else "",
        network=network,
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = base_url.rstrip("/") + reverse("accounts:invitation", args=[invitation.token])
    context = {"invitation": invitation, "link": link, "site_name": settings.SITE_NAME, "inviter": by}
    send_mail(
        subject=_("Einladung zu %(site)s") % {"site": settings.SITE_NAME},
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return invitation


# An invitation belongs to the address it was sent to. A person signed in under another address takes it
# only through a link mailed to the invited address (signed, bound to invitation and account, time-limited).
INVITATION_CONFIRMATION_SALT = "smartregion.accounts.invitation-confirmation"
INVITATION_CONFIRMATION_VALID = timedelta(hours=48)


def address_matches(invitation: Invitation, user) -> bool:
    normalize = User.objects.normalize_email_address
    return normalize(user.email) == normalize(invitation.email)


def invitation_confirmation(invitation: Invitation, user) -> str:
    return signing.dumps({"invitation": invitation.pk, "user": user.pk}, salt=INVITATION_CONFIRMATION_SALT)


def confirmation_is_valid(confirmation: str, *, invitation: Invitation, user) -> bool:
    """The signed value from the mail names this invitation and this account and is not older than allowed."""
    if not confirmation:
        return False
    try:
        value = signing.loads(
            confirmation,
            salt=INVITATION_CONFIRMATION_SALT,
            max_age=INVITATION_CONFIRMATION_VALID.total_seconds(),
        )
    except signing.BadSignature:  # also SignatureExpired
        return False
    return value == {"invitation": invitation.pk, "user": user.pk}


INVITATION_CONFIRMATION_RESEND_SECONDS = 300


def send_invitation_confirmation(*, invitation: Invitation, user, base_url: str) -> bool:
    """Mail the invited address a link that lets `user` (signed in under another address) take the invitation.
    At most one mail per invitation and account every few minutes; False when one was sent just now."""
    if not invitation.is_open:
        raise InvitationError(_("Diese Einladung ist nicht mehr gültig."))
    if not cache.add(
        f"invitation-confirmation:{invitation.pk}:{user.pk}", 1, timeout=INVITATION_CONFIRMATION_RESEND_SECONDS
    ):
        return False
    link = base_url.rstrip("/") + reverse(
        "accounts:invitation_confirm", args=[invitation.token, invitation_confirmation(invitation, user)]
    )
    context = {
        "invitation": invitation,
        "account": user,
        "link": link,
        "site_name": settings.SITE_NAME,
        "hours": int(INVITATION_CONFIRMATION_VALID.total_seconds() // 3600),
    }
    send_mail(
        subject=_("Einladung für ein anderes Konto bestätigen – %(site)s") % {"site": settings.SITE_NAME},
        message=render_to_string("accounts/email/invitation_confirm.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return True


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user, confirmation: str = "") -> None:
    """Grant the invitation's role to `user`: an account under the invited address, or another account with
    the confirmation mailed to the invited address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationError(_("Diese Einladung ist nicht mehr gültig."))
    if not address_matches(invitation, user) and not confirmation_is_valid(
        confirmation, invitation=invitation, user=user
    ):
        raise InvitationError(
            _("Diese Einladung gilt für eine andere E-Mail-Adresse. Bitte bestätigen Sie sie über diese Adresse.")
        )
    if invitation.territory_id:
        grant_territory_role(
            user=user, territory=invitation.territory, role=invitation.territory_role, by=invitation.invited_by
        )
    else:
        grant_network_role(user=user, network=invitation.network, by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation._history_user = user
    if not address_matches(invitation, user):
        invitation._change_reason = f"angenommen von {user.email}, bestätigt über {invitation.email}"
    invitation.save()


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by) -> None:
    invitation.revoked_at = timezone.now()
    invitation._history_user = by
    invitation.save()


# --- Login throttling -------------------------------------------------------------------------


def _throttle_keys(email: str, client_address: str) -> list[str]:
    keys = []
    if email:
        keys.append("login-fail:email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest())
    if client_address:
        keys.append("login-fail:addr:" + hashlib.sha256(client_address.encode()).hexdigest())
    return keys


def login_blocked(email: str, client_address: str) -> bool:
    limit = settings.LOGIN_MAX_FAILURES
    # An address may try a few different accounts (a shared office NAT); an account is strict.
    counts = [cache.get(key, 0) for key in _throttle_keys(email, client_address)]
    email_count = counts[0] if email else 0
    address_count = counts[-1] if client_address else 0
    return email_count >= limit or address_count >= limit * 4


def record_login_failure(email: str, client_address: str) -> None:
    for key in _throttle_keys(email, client_address):
        if not cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def clear_login_failures(email: str) -> None:
    keys = _throttle_keys(email, "")
    if keys:
        cache.delete(keys[0])


# --- API keys ------------------------------------------------------------------------------------


class TokenRefused(ValueError):
    pass


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user, name: str, territories) -> tuple[ApiToken, str]:
    """A new key for the person, valid for territories the person edits; returns (record, key shown once)."""
    territories = list(territories)
    allowed = set(TerritoryRole.objects.filter(user=user).values_list("territory_id", flat=True))
    if not territories or any(territory.pk not in allowed for territory in territories):
        raise TokenRefused(_("Ein Schlüssel gilt nur für Gebiete, die Sie bearbeiten dürfen."))
    key = "srh_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[4:12], key_hash=hash_key(key))
    token.territories.set(territories)
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])


def token_for_key(key: str) -> ApiToken | None:
    """The active token of a key (and its use recorded), or None."""
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
