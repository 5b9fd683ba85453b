"""The invitation pages: the link mailed to the invited address, and the confirmation for another account
(moved from accounts, ADR 0024; the addresses stay under /konto/einladung/)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from smartregion.accounts import services as account_services
from smartregion.accounts.forms import RegistrationForm
from smartregion.core.siteurl import absolute

from . import invitations
from .models import Invitation


def invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("territory", "network", "invited_by"), token=token)
    if not invitation.is_open:
        return render(request, "network/invitation.html", {"invitation": invitation, "closed": True}, status=410)
    form = None
    if request.user.is_authenticated:
        if not invitations.address_matches(invitation, request.user):
            return _other_address(request, invitation)
        if request.method == "POST":
            invitations.accept_invitation(invitation=invitation, user=request.user)
            messages.success(request, _("Sie haben die Einladung angenommen."))
            return redirect(invitation.target.get_absolute_url())
    else:
        form = RegistrationForm(request.POST or None, fixed_email=invitation.email)
        if request.method == "POST" and form.is_valid():
            user = account_services.register_user(
                email=invitation.email,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
                language=request.LANGUAGE_CODE,
            )
            invitations.accept_invitation(invitation=invitation, user=user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Willkommen! Ihr Konto wurde angelegt und die Einladung angenommen."))
            return redirect(invitation.target.get_absolute_url())
    return render(request, "network/invitation.html", {"invitation": invitation, "form": form})


def _other_address(request, invitation):
    """Signed in under another address than the invited one: nothing is accepted here; a POST mails the invited
    address a link that lets this account take the invitation."""
    sent = None
    if request.method == "POST":
        sent = invitations.send_invitation_confirmation(
            invitation=invitation, user=request.user, base_url=absolute("/")
        )
    context = {"invitation": invitation, "other_address": True, "sent": sent}
    return render(request, "network/invitation.html", context)


@login_required
def invitation_confirm(request, token, confirmation):
    """The link from the confirmation mail: the signed-in account named in it takes the invitation."""
    invitation = get_object_or_404(Invitation.objects.select_related("territory", "network", "invited_by"), token=token)
    if not invitation.is_open:
        return render(request, "network/invitation.html", {"invitation": invitation, "closed": True}, status=410)
    if not invitations.confirmation_is_valid(confirmation, invitation=invitation, user=request.user):
        context = {"invitation": invitation, "bad_confirmation": True}
        return render(request, "network/invitation_confirm.html", context, status=400)
    if request.method == "POST":
        invitations.accept_invitation(invitation=invitation, user=request.user, confirmation=confirmation)
        messages.success(request, _("Sie haben die Einladung angenommen."))
        return redirect(invitation.target.get_absolute_url())
    return render(request, "network/invitation_confirm.html", {"invitation": invitation})
