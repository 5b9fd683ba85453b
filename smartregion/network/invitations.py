"""Invitations by e-mail to a role in a territory or a network: sent, taken (by the invited address, or by
another account with a confirmation mailed to it), withdrawn. Moved from accounts (ADR 0024)."""

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

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.accounts.models import User
from smartregion.core.refusals import Refused
from smartregion.notifications.enums import Kind
from smartregion.notifications.services import notify
from smartregion.territories.roles import grant_territory_role

from .models import Invitation
from .roles import grant_network_role


class InvitationError(Refused):
    pass


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
    notify(
        invitation.email,
        Kind.INVITATION,
        invitation,
        {"inviter": by},
        key=f"{invitation.pk}",
        link=reverse("invitations:show", args=[invitation.token]),
        base_url=base_url,
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
        "invitations:confirm", args=[invitation.token, invitation_confirmation(invitation, user)]
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
        message=render_to_string("network/email/invitation_confirm.txt", context),
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
    if address_matches(invitation, user) and user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()  # the invitation link came to this address
        user.save(update_fields=["email_confirmed_at"])
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


def open_territory_invitations(territory):
    """A territory's invitations not yet taken or withdrawn (its team page lists them, territories.inviting)."""
    return Invitation.objects.filter(territory=territory, accepted_at__isnull=True, revoked_at__isnull=True).order_by(
        "-created_at"
    )
