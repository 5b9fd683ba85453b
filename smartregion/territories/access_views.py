"""Pages for requests for access (ADR 0021) and personal API keys (moved from accounts, ADR 0024; the
addresses stay under /konto/)."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.accounts.enums import AccessRequestStatus
from smartregion.core.siteurl import absolute

from . import access_queries as queries
from . import access_requests
from . import api_tokens as token_services
from .access_forms import AccessApprovalForm, AccessDeclineForm, ApiTokenForm
from .models import AccessRequest, ApiToken


@login_required
def api_tokens(request):
    """Personal API keys: made here (the key is shown once, on this answer only), listed, revoked."""
    form = ApiTokenForm(request.POST or None, user=request.user)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = token_services.create_api_token(
                user=request.user, name=form.cleaned_data["name"], territories=form.cleaned_data["territories"]
            )
        except token_services.TokenRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            form = ApiTokenForm(user=request.user)
    tokens = request.user.api_tokens.prefetch_related("territories")
    return render(request, "territories/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@login_required
@require_POST
def api_token_revoke(request, pk):
    token_services.revoke_api_token(get_object_or_404(ApiToken, pk=pk, user=request.user))
    messages.success(request, _("Der Schlüssel ist widerrufen."))
    return redirect("access:api_tokens")


ACCESS_REQUEST_FILTERS = {"offen": AccessRequestStatus.OPEN, "alle": ""}
ACCESS_REQUESTS_PER_PAGE = 25


@login_required
def access_requests_list(request):
    """The requests the signed-in person decides: across her territories and, where they have no admins,
    the territories of the networks she coordinates (platform admins: all)."""
    if not request.user.has_perm("accounts.view_access_requests"):
        raise PermissionDenied
    shown = request.GET.get("stand", "offen")
    if shown not in ACCESS_REQUEST_FILTERS:
        shown = "offen"
    found = queries.access_requests_for(request.user, status=ACCESS_REQUEST_FILTERS[shown])
    page = Paginator(found, ACCESS_REQUESTS_PER_PAGE).get_page(request.GET.get("seite"))
    for access_request in page.object_list:
        access_request.can_decide = request.user.has_perm("accounts.decide_access_request", access_request)
    return render(request, "territories/access_requests.html", {"page": page, "shown": shown})


def _visible_request(request, pk) -> AccessRequest:
    """The request if the signed-in person asked it or decides it; 404 for everybody else."""
    try:
        access_request = queries.access_request_detail(pk)
    except AccessRequest.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("accounts.view_access_request", access_request):
        raise Http404
    return access_request


def _detail(request, access_request, *, decline_form=None, status=200):
    can_decide = request.user.has_perm("accounts.decide_access_request", access_request)
    context = {
        "access_request": access_request,
        "can_decide": can_decide and access_request.is_open,
        "can_withdraw": rules.has_perm("accounts.withdraw_access_request", request.user, access_request)
        and access_request.is_open,
        "approval_form": AccessApprovalForm(initial={"role": access_request.role}),
        "decline_form": decline_form or AccessDeclineForm(),
    }
    return render(request, "territories/access_request_detail.html", context, status=status)


@login_required
def access_request_detail(request, pk):
    return _detail(request, _visible_request(request, pk))


def _decider_request(request, pk) -> AccessRequest:
    access_request = _visible_request(request, pk)
    if not request.user.has_perm("accounts.decide_access_request", access_request):
        raise PermissionDenied
    return access_request


@login_required
@require_POST
def access_request_approve(request, pk):
    access_request = _decider_request(request, pk)
    form = AccessApprovalForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else ""
    try:
        access_requests.approve_access_request(access_request, by=request.user, role=role, base_url=absolute("/"))
    except access_requests.AccessRequestRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("access:request", pk=access_request.pk)
    messages.success(
        request,
        _("%(person)s hat jetzt eine Rolle für %(territory)s und wurde per E-Mail benachrichtigt.")
        % {"person": access_request.requester, "territory": access_request.territory.name},
    )
    return redirect("access:requests")


@login_required
@require_POST
def access_request_decline(request, pk):
    access_request = _decider_request(request, pk)
    form = AccessDeclineForm(request.POST)
    if not form.is_valid():
        return _detail(request, access_request, decline_form=form)
    try:
        access_requests.decline_access_request(
            access_request,
            by=request.user,
            reason=form.cleaned_data["reason"],
            base_url=absolute("/"),
        )
    except access_requests.AccessRequestRefused as refusal:
        form.add_error(None, str(refusal))
        return _detail(request, access_request, decline_form=form)
    messages.success(
        request,
        _("Die Anfrage von %(person)s ist abgelehnt; die Begründung wurde per E-Mail geschickt.")
        % {"person": access_request.requester},
    )
    return redirect("access:requests")


@login_required
@require_POST
def access_request_withdraw(request, pk):
    access_request = _visible_request(request, pk)
    # The rule itself, not request.user.has_perm: Django lets superusers pass every permission, and only the
    # requester withdraws.
    if not rules.has_perm("accounts.withdraw_access_request", request.user, access_request):
        raise PermissionDenied
    try:
        access_requests.withdraw_access_request(access_request, by=request.user)
    except access_requests.AccessRequestRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("access:request", pk=access_request.pk)
    messages.success(request, _("Sie haben Ihre Anfrage zurückgezogen."))
    return redirect("accounts:profile")
