from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.clients import client_key

from . import services
from .forms import ApiTokenForm, LoginForm, PasswordResetRequestForm, ProfileForm, RegistrationForm, SignUpForm
from .models import ApiToken, Invitation, User


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
        "territory_roles": request.user.territory_roles.select_related("territory").order_by("territory__name"),
        "network_roles": request.user.network_roles.select_related("network").order_by("network__name"),
    }
    return render(request, "accounts/profile.html", context)


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
            services.request_sign_up(email=form.cleaned_data["email"], base_url=request.build_absolute_uri("/"))
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
                email=email, password=form.cleaned_data["password1"], full_name=form.cleaned_data["full_name"]
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
        sent = services.send_invitation_confirmation(
            invitation=invitation, user=request.user, base_url=request.build_absolute_uri("/")
        )
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
