"""Invitations bind to their address (issue 19, finding 3).

An account signed in under another address takes an invitation only through a signed, time-limited link
mailed to the invited address, and only for the account named in that link.
"""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.network import invitations
from smartregion.network.models import Invitation
from smartregion.territories.models import TerritoryRole

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

INVITED = "anna@kommune.example"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def invitation(jena):
    inviter = UserFactory()
    invitation = invitations.invite(
        email=INVITED,
        territory=jena,
        territory_role=TerritoryRoleKind.EDITOR,
        by=inviter,
        base_url="http://testserver/",
    )
    mail.outbox.clear()
    return invitation


@pytest.fixture
def other(db):
    return UserFactory(email="bernd@anderswo.example")


def _confirmation_path() -> str:
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [INVITED]
    return re.search(r"https?://[^/]+(/konto/einladung/\S+/bestaetigen/\S+/)", mail.outbox[0].body).group(1)


def test_finding_3_an_invitation_to_one_address_is_not_taken_by_another_account(client, invitation, other, jena):
    """As reported: sent to address A, opened and accepted by a signed-in account B, B became an editor of the
    territory. Now B is told the invitation was sent elsewhere and gets no role."""
    client.force_login(other)
    client.post(reverse("invitations:show", args=[invitation.token]))
    assert not TerritoryRole.objects.filter(user=other, territory=jena).exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
    page = client.get(reverse("invitations:show", args=[invitation.token])).content.decode()
    assert f"Diese Einladung wurde an {INVITED} geschickt. Sie sind als {other.email} angemeldet." in page
    # The way to the invited address's own account: sign out, then sign in and come back here.
    back = f"{reverse('accounts:login')}?next={reverse('invitations:show', args=[invitation.token])}"
    assert f'name="next" value="{back}"' in page
    assert client.post(reverse("accounts:logout"), {"next": back})["Location"] == back


def test_the_service_itself_refuses_another_address(invitation, other, jena):
    with pytest.raises(invitations.InvitationError):
        invitations.accept_invitation(invitation=invitation, user=other)
    with pytest.raises(invitations.InvitationError):
        invitations.accept_invitation(invitation=invitation, user=other, confirmation="erfunden")
    assert not TerritoryRole.objects.filter(user=other).exists()


def test_the_address_is_compared_without_case(client, jena):
    invitation = Invitation.objects.create(
        email="Anna.Gross@Kommune.Example",
        territory=jena,
        territory_role=TerritoryRoleKind.ADMIN,
        expires_at=timezone.now() + timedelta(days=3),
    )
    anna = UserFactory(email="anna.gross@kommune.example")
    client.force_login(anna)
    response = client.post(reverse("invitations:show", args=[invitation.token]))
    assert response.status_code == 302
    assert TerritoryRole.objects.get(user=anna, territory=jena).role == TerritoryRoleKind.ADMIN


def test_a_confirmation_mailed_to_the_invited_address_binds_the_invitation_to_the_account(
    client, invitation, other, jena
):
    client.force_login(other)
    page = client.post(reverse("invitations:show", args=[invitation.token])).content.decode()
    assert f"Wir haben eine Bestätigung an {INVITED} geschickt." in page
    path = _confirmation_path()
    assert "bernd@anderswo.example" in mail.outbox[0].body  # the invited person sees who asks

    assert client.get(path).status_code == 200  # a page with a button: opening the link changes nothing yet
    assert not TerritoryRole.objects.filter(user=other).exists()
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == jena.get_absolute_url()
    assert TerritoryRole.objects.get(user=other, territory=jena).role == TerritoryRoleKind.EDITOR
    accepted = Invitation.objects.get(pk=invitation.pk)
    assert accepted.accepted_by == other
    assert accepted.history.first().history_change_reason == f"angenommen von {other.email}, bestätigt über {INVITED}"
    assert client.post(path).status_code == 410  # used once


def test_the_link_works_only_for_the_account_that_asked_and_only_signed_in(client, invitation, other, jena):
    client.force_login(other)
    client.post(reverse("invitations:show", args=[invitation.token]))
    path = _confirmation_path()
    client.logout()
    response = client.post(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    third = UserFactory(email="carla@dritte.example")
    client.force_login(third)
    assert client.post(path).status_code == 400
    assert not TerritoryRole.objects.filter(territory=jena, user__in=[other, third]).exists()
    # Nor for the same account on another invitation.
    second = invitations.invite(
        email=INVITED, territory=jena, territory_role="admin", by=third, base_url="http://testserver/"
    )
    client.force_login(other)
    forged = path.replace(invitation.token, second.token)
    assert client.post(forged).status_code == 400
    assert not TerritoryRole.objects.filter(user=other).exists()


class _SignedLongAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(
            int(time.time()) - int(invitations.INVITATION_CONFIRMATION_VALID.total_seconds()) - 60
        )


def test_an_old_confirmation_has_expired(client, invitation, other):
    stale = _SignedLongAgo(salt=invitations.INVITATION_CONFIRMATION_SALT).sign_object(
        {"invitation": invitation.pk, "user": other.pk}, compress=False
    )
    fresh = invitations.invitation_confirmation(invitation, other)
    assert invitations.confirmation_is_valid(fresh, invitation=invitation, user=other)
    assert not invitations.confirmation_is_valid(stale, invitation=invitation, user=other)
    client.force_login(other)
    assert client.post(reverse("invitations:confirm", args=[invitation.token, stale])).status_code == 400
    assert not TerritoryRole.objects.filter(user=other).exists()


def test_the_confirmation_is_not_mailed_again_and_again(client, invitation, other):
    client.force_login(other)
    for _attempt in range(3):
        client.post(reverse("invitations:show", args=[invitation.token]))
    assert len(mail.outbox) == 1


def test_the_invited_address_still_accepts_directly(client, invitation, jena):
    anna = UserFactory(email=INVITED)
    client.force_login(anna)
    assert client.post(reverse("invitations:show", args=[invitation.token])).status_code == 302
    assert TerritoryRole.objects.get(user=anna, territory=jena).role == TerritoryRoleKind.EDITOR
    assert mail.outbox == []
