import logging
from urllib.parse import parse_qs, urlsplit

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from smartregion.core.clients import client_key
from smartregion.core.sections import sections_for
from smartregion.core.siteurl import absolute, site_url

from . import oidc, providers, services
from .forms import (
    LoginForm,
    PasswordResetRequestForm,
    ProfileForm,
    RegistrationForm,
    SignUpForm,
)
from .models import User
from .rules import has_no_role

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
        response = super().form_valid(form)
        oidc.forget_provider_session(self.request.session)  # a password session signs out here only
        return _remember_device(response, form.get_user())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provider_buttons"] = [
            {"text": oidc.button_text(provider), "path": oidc.login_path(provider)} for provider in providers.enabled()
        ]
        return context


class LogoutView(auth_views.LogoutView):
    """Signs out here and, for a session that began at the identity provider, there too (RP-initiated logout:
    the provider's end_session_endpoint, which sends the browser back to the start page)."""

    def post(self, request, *args, **kwargs):
        provider_logout = oidc.end_session_url(request)  # read before the session is flushed
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response


def _provider_or_404(key: str | None) -> providers.Provider:
    provider = providers.get(key)
    if provider is None:
        raise Http404
    return provider


class ProviderLoginView(OIDCAuthenticationRequestView):
    """A button on the login page: off to that identity provider (ADR 0027; without a key the single one of
    `OIDC_ISSUER` …). 404 for a provider that is not configured. The state sent along is bound to it."""

    def get(self, request, key=None):
        self.provider = _provider_or_404(key)
        # the library read the single provider's settings when the view was made; this provider's instead
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        request.session["oidc_language"] = translation.get_language()
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = self.provider.key  # checked by the callback
        request.session.modified = True
        return response

    def get_extra_params(self, request):
        return {
            **super().get_extra_params(request),
            "scope": self.provider.scopes,
            "redirect_uri": oidc.callback_url(self.provider),
        }


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """A provider sends the browser back here (outside the language prefixes, as registered at the provider:
    `/oidc/callback/<key>/`, the single provider's `/oidc/callback/`). Signs in, or goes back to the login page
    with the reason in the person's language. A state that another provider's button started is refused
    before this provider is asked for anything."""

    def get(self, request, key=None):
        self.provider = _provider_or_404(key)
        request.identity_provider = self.provider  # for accounts.oidc.ProviderBackend
        with translation.override(request.session.get("oidc_language") or settings.LANGUAGE_CODE):
            if not self._state_started_here(request):
                return self.login_failure()
            try:
                return super().get(request)
            except (SuspiciousOperation, requests.RequestException):
                logger.warning("OIDC callback failed", exc_info=True)
                return self.login_failure()

    def _state_started_here(self, request) -> bool:
        """False for a state of this session that another provider's button started (it is used up: a mix-up
        of providers must not sign in through the wrong one). An unknown state is the library's to refuse."""
        states = request.session.get("oidc_states")
        started = states.get(request.GET.get("state")) if isinstance(states, dict) else None
        if not isinstance(started, dict):
            return True
        # A state from before several providers names none: the single one's.
        if started.get("provider", providers.DEFAULT_KEY) == self.provider.key:
            return True
        del states[request.GET["state"]]
        request.session.modified = True
        logger.warning("OIDC callback of %s with a state started for %s", self.provider.key, started.get("provider"))
        return False

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
            % {"provider": oidc.provider_name(self.provider)},
        )
        self.request.session.pop("oidc_login_next", None)
        if not self.request.user.is_authenticated:
            oidc.forget_provider_session(self.request.session)  # nothing of a refused sign-in is kept
        return HttpResponseRedirect(self.failure_url)

    def login_success(self):
        response = super().login_success()  # auth.login first: it may start a new session
        id_token = getattr(self.request, "provider_id_token", "")
        oidc.remember_sign_in(self.request.session, provider=self.provider, id_token=id_token)
        return _remember_device(response, self.user)


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
    context = {
        "form": form,
        # the person's roles (territories, network) and what follows from them (requests for access, API keys):
        # sections of the apps that hold the roles (ADR 0024)
        "role_sections": sections_for("profile_roles", request, request.user),
        "no_role": has_no_role(request.user) and not request.user.is_expert,
        "sections": sections_for("profile", request, request.user),
    }
    return render(request, "accounts/profile.html", context)


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
