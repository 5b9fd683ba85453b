from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smartregion.core.clients import client_key
from smartregion.core.siteurl import absolute

from . import services
from .models import User


class LoginForm(forms.Form):
    """E-mail login with throttling of repeated failures (services: per address and client, per client,
    per address overall; a browser with the account's device cookie only by its own failures)."""

    username = forms.EmailField(
        label=_("E-Mail-Adresse"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Passwort"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": _("E-Mail-Adresse oder Passwort sind nicht richtig."),
        "inactive": _("Dieses Konto ist gesperrt."),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        client = client_key(self.request)
        device = self.request.COOKIES.get(services.LOGIN_DEVICE_COOKIE, "") if self.request is not None else ""
        if services.login_blocked(email, client, device):
            minutes = services.login_wait_minutes()
            raise forms.ValidationError(
                ngettext(
                    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie %(minutes)s Minute "
                    "oder setzen Sie Ihr Passwort zurück.",
                    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie %(minutes)s Minuten "
                    "oder setzen Sie Ihr Passwort zurück.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )
        self.user_cache = authenticate(self.request, username=email, password=password)
        if self.user_cache is None:
            services.record_login_failure(email, client, device)
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        if not self.user_cache.is_active:
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        services.record_login_success(email, client, device)
        return self.cleaned_data

    def get_user(self):
        return self.user_cache


class SignUpForm(forms.Form):
    """The first step of a sign-up: the address only; the next step arrives by mail (ADR 0019)."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    def clean_email(self):
        return User.objects.normalize_email_address(self.cleaned_data["email"])


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    """Django's reset form, but every request sends one mail (the reset link, or a note that the address has
    no active account) unless the address had too many account mails this hour: the same work either way."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        if not services.account_mail_allowed(email):
            return
        if next(iter(self.get_users(email)), None) is not None:
            super().save(*args, request=request, **kwargs)
        else:
            services.send_no_account_mail(email=email, base_url=absolute("/"))


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-Mail-Adresse"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindestens 10 Zeichen, nicht nur Ziffern."),
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, fixed_email: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_email:
            self.fields["email"].initial = fixed_email
            self.fields["email"].disabled = True

    def clean_email(self):
        email = User.objects.normalize_email_address(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("Zu dieser E-Mail-Adresse gibt es bereits ein Konto. Bitte melden Sie sich an.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Die Passwörter stimmen nicht überein."))
        if first:
            try:
                password_validation.validate_password(
                    first, User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name"]
