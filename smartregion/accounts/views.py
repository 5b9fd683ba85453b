import logging

import requests
import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from smartregion.core.clients import client_key
from smartregion.core.sections import sections_for
from smartregion.core.siteurl import absolute, site_url

from . import access_requests, oidc, queries, services
from .enums import AccessRequestStatus
from .forms import (
    AccessApprovalForm,
    AccessDeclineForm,
    ApiTokenForm,
    LoginForm,
    PasswordResetRequestForm,
    ProfileForm,
    RegistrationForm,
    SignUpForm,
)
from .models import AccessRequest, ApiToken, Invitation, User

logger = logging.getLogger(__name__)


def _remember_device(response, user):
    """This browser proved it knows the account: it gets the device cookie that exempts it from the
    account's lock while others guess (ADR 0019)."""
    response.set_cookie(
        services.LOGIN_DEVICE_COOKIE,
        services.device_cookie_value(user.email),
        max_age=settings.LOGIN_DEVICE_COOKIE_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        return _remember_device(super().form_valid(form), form.get_user())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provider_button"] = oidc.button_text() if oidc.is_enabled() else ""
        return context


class LogoutView(auth_views.LogoutView):
    """Signs out here and, for a session that began at the identity provider, there too (RP-initiated logout:
    the provider's end_session_endpoint, which sends the browser back to the start page)."""

    def post(self, request, *args, **kwargs):
        provider_logout = oidc.end_session_url(request)  # read before the session is flushed
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response


class ProviderLoginView(OIDCAuthenticationRequestView):
    """The button on the login page: off to the identity provider (ADR 0027). 404 when none is configured."""

    def get(self, request):
        if not oidc.is_enabled():
            raise Http404
        request.session["oidc_language"] = translation.get_language()
        return super().get(request)

    def get_extra_params(self, request):
        return {**super().get_extra_params(request), "redirect_uri": oidc.callback_url()}


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here (one address outside the language prefixes, as registered at
    the provider). Signs in, or goes back to the login page with the reason in the person's language."""

    def get(self, request):
        if not oidc.is_enabled():
            raise Http404
        with translation.override(request.session.get("oidc_language") or settings.LANGUAGE_CODE):
            try:
                return super().get(request)
            except (SuspiciousOperation, requests.RequestException):
                logger.warning("OIDC callback failed", exc_info=True)
                return self.login_failure()

    @property
    def failure_url(self):
        return reverse("accounts:login")

    def login_failure(self):
        refusal = getattr(self.request, "provider_refusal", "")
        messages.error(
            self.request,
            refusal
            or _(
                "Die Anmeldung über %(provider)s hat nicht geklappt. Bitte versuchen Sie es noch einmal oder "
                "melden Sie sich mit E-Mail-Adresse und Passwort an."
            )
            % {"provider": oidc.provider_name()},
        )
        return HttpResponseRedirect(self.failure_url)

    def login_success(self):
        return _remember_device(super().login_success(), self.user)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        try:
            services.count_mail_request(client_key(self.request))
        except services.TooManyRequests as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        # The link is built from SITE_URL, never from the request's Host header (core.siteurl).
        self.extra_email_context = {"site_url": site_url(), "site_name": settings.SITE_NAME}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        return _remember_device(super().form_valid(form), form.user)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Ihr Profil wurde gespeichert."))
        return redirect("accounts:profile")
    can_view_requests = request.user.has_perm("accounts.view_access_requests")
    context = {
        "form": form,
        "territory_roles": request.user.territory_roles.select_related("territory").order_by("territory__name"),
        "network_roles": request.user.network_roles.select_related("network").order_by("network__name"),
        "sections": sections_for("profile", request, request.user),  # how to get rights (territories)
        "my_access_requests": list(queries.requests_of(request.user)[:PROFILE_REQUESTS]),
        "can_view_access_requests": can_view_requests,
        "open_requests_to_decide": queries.access_requests_for(request.user).count() if can_view_requests else 0,
    }
    return render(request, "accounts/profile.html", context)


PROFILE_REQUESTS = 10


@login_required
def api_tokens(request):
    """Personal API keys: made here (the key is shown once, on this answer only), listed, revoked."""
    form = ApiTokenForm(request.POST or None, user=request.user)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.create_api_token(
                user=request.user, name=form.cleaned_data["name"], territories=form.cleaned_data["territories"]
            )
        except services.TokenRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            form = ApiTokenForm(user=request.user)
    tokens = request.user.api_tokens.prefetch_related("territories")
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@login_required
@require_POST
def api_token_revoke(request, pk):
    services.revoke_api_token(get_object_or_404(ApiToken, pk=pk, user=request.user))
    messages.success(request, _("Der Schlüssel ist widerrufen."))
    return redirect("accounts:api_tokens")


def register(request):
    """Sign-up, first step: the address. The answer is the same whether it has an account (ADR 0019)."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.count_mail_request(client_key(request))
        except services.TooManyRequests as refusal:
            form.add_error(None, str(refusal))
        else:
            services.request_sign_up(email=form.cleaned_data["email"], base_url=absolute("/"))
            return redirect("accounts:register_sent")
    return render(request, "accounts/register.html", {"form": form})


def register_sent(request):
    return render(request, "accounts/register_sent.html", {"days": services.SIGN_UP_LINK_VALID.days})


def register_confirm(request, token):
    """Sign-up, second step (the link from the mail): name and password; the account is made and signed in."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    email = services.sign_up_email(token)
    if email is None:
        return render(request, "accounts/register_confirm.html", {"bad_link": True}, status=400)
    if User.objects.filter(email__iexact=email).exists():  # the link's holder owns the address: no leak
        return render(request, "accounts/register_confirm.html", {"exists": True})
    form = RegistrationForm(request.POST or None, fixed_email=email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.register_user(
                email=email,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
                language=request.LANGUAGE_CODE,
            )
        except IntegrityError:  # the same link submitted twice at once
            return render(request, "accounts/register_confirm.html", {"exists": True})
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Willkommen! Ihr Konto wurde angelegt."))
        return _remember_device(redirect("accounts:profile"), user)
    return render(request, "accounts/register_confirm.html", {"form": form})


def invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("territory", "network", "invited_by"), token=token)
    if not invitation.is_open:
        return render(request, "accounts/invitation.html", {"invitation": invitation, "closed": True}, status=410)
    form = None
    if request.user.is_authenticated:
        if not services.address_matches(invitation, request.user):
            return _other_address(request, invitation)
        if request.method == "POST":
            services.accept_invitation(invitation=invitation, user=request.user)
            messages.success(request, _("Sie haben die Einladung angenommen."))
            return redirect(invitation.target.get_absolute_url())
    else:
        form = RegistrationForm(request.POST or None, fixed_email=invitation.email)
        if request.method == "POST" and form.is_valid():
            user = services.register_user(
                email=invitation.email,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
                language=request.LANGUAGE_CODE,
            )
            services.accept_invitation(invitation=invitation, user=user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Willkommen! Ihr Konto wurde angelegt und die Einladung angenommen."))
            return redirect(invitation.target.get_absolute_url())
    return render(request, "accounts/invitation.html", {"invitation": invitation, "form": form})


def _other_address(request, invitation):
    """Signed in under another address than the invited one: nothing is accepted here; a POST mails the invited
    address a link that lets this account take the invitation."""
    sent = None
    if request.method == "POST":
        sent = services.send_invitation_confirmation(invitation=invitation, user=request.user, base_url=absolute("/"))
    context = {"invitation": invitation, "other_address": True, "sent": sent}
    return render(request, "accounts/invitation.html", context)


@login_required
def invitation_confirm(request, token, confirmation):
    """The link from the confirmation mail: the signed-in account named in it takes the invitation."""
    invitation = get_object_or_404(Invitation.objects.select_related("territory", "network", "invited_by"), token=token)
    if not invitation.is_open:
        return render(request, "accounts/invitation.html", {"invitation": invitation, "closed": True}, status=410)
    if not services.confirmation_is_valid(confirmation, invitation=invitation, user=request.user):
        context = {"invitation": invitation, "bad_confirmation": True}
        return render(request, "accounts/invitation_confirm.html", context, status=400)
    if request.method == "POST":
        services.accept_invitation(invitation=invitation, user=request.user, confirmation=confirmation)
        messages.success(request, _("Sie haben die Einladung angenommen."))
        return redirect(invitation.target.get_absolute_url())
    return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})


# --- Requests for access (ADR 0021) ---------------------------------------------------------------------

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
    return render(request, "accounts/access_requests.html", {"page": page, "shown": shown})


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
    return render(request, "accounts/access_request.html", context, status=status)


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
        return redirect("accounts:access_request", pk=access_request.pk)
    messages.success(
        request,
        _("%(person)s hat jetzt eine Rolle für %(territory)s und wurde per E-Mail benachrichtigt.")
        % {"person": access_request.requester, "territory": access_request.territory.name},
    )
    return redirect("accounts:access_requests")


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
    return redirect("accounts:access_requests")


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
        return redirect("accounts:access_request", pk=access_request.pk)
    messages.success(request, _("Sie haben Ihre Anfrage zurückgezogen."))
    return redirect("accounts:profile")
