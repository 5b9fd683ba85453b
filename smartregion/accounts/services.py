"""Writes with behaviour around accounts: sign-up, login throttling. (Roles, invitations and API keys live
in territories and network, ADR 0024.)"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from smartregion.core import limits

from .models import User

# --- Sign-up ----------------------------------------------------------------------------------------


@transaction.atomic
def register_user(*, email: str, password: str, full_name: str = "", language: str = "") -> User:
    """An account for an address its holder has just shown to own (the sign-up or invitation link came to it):
    the address counts as confirmed, so notifications may be mailed to it."""
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    return User.objects.create_user(
        email=email, password=password, full_name=full_name, language=language, email_confirmed_at=timezone.now()
    )


# --- Login throttling (ADR 0019) ------------------------------------------------------------------
# Failures count per (e-mail, client) pair, per client, and per e-mail from all clients (a much higher
# ceiling against distributed guessing). A browser that signed in to the account before carries a
# signed device cookie; it is judged by its own failures only, so nobody can lock the owner out of
# her own browser by guessing from elsewhere.

LOGIN_DEVICE_COOKIE = "login_device"
LOGIN_DEVICE_SALT = "smartregion.accounts.login-device"


def _email_digest(email: str) -> str:
    return hashlib.sha256(User.objects.normalize_email_address(email).encode()).hexdigest()[:32]


def device_cookie_value(email: str) -> str:
    """A new device cookie for a browser that has just proved it knows the account (login, password reset)."""
    return signing.dumps({"e": _email_digest(email), "n": secrets.token_urlsafe(16)}, salt=LOGIN_DEVICE_SALT)


def _trusted_device(email: str, device_cookie: str) -> str:
    """The device's own id if the cookie was given to this e-mail address and is still valid, else ""."""
    if not device_cookie or not email:
        return ""
    try:
        value = signing.loads(
            device_cookie, salt=LOGIN_DEVICE_SALT, max_age=timedelta(days=settings.LOGIN_DEVICE_COOKIE_DAYS)
        )
    except signing.BadSignature:  # also SignatureExpired
        return ""
    if not isinstance(value, dict) or value.get("e") != _email_digest(email):
        return ""
    return str(value.get("n", ""))


def _login_counters(email: str, client: str, device: str) -> dict[str, tuple[str, int]]:
    """Counter name and allowance of each limit that applies to this attempt."""
    email = User.objects.normalize_email_address(email)
    if device:
        return {
            "device": (limits.key("login-device", device), settings.LOGIN_MAX_FAILURES),
            "account": (limits.key("login-account", email), None),  # counted, but does not apply to the device
        }
    return {
        "pair": (limits.key("login-pair", email, client), settings.LOGIN_MAX_FAILURES),
        "client": (limits.key("login-client", client), settings.LOGIN_MAX_FAILURES_PER_CLIENT),
        "account": (limits.key("login-account", email), settings.LOGIN_MAX_FAILURES_PER_ACCOUNT),
    }


def login_blocked(email: str, client: str, device_cookie: str = "") -> bool:
    """Whether a login attempt for `email` from `client` (core.clients.client_key) is refused unheard.

    With a valid device cookie for this address only that device's own failures count; a device that
    failed too often is treated like any other client.
    """
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    device = _trusted_device(email, device_cookie)
    if device:
        name, allowed = _login_counters(email, client, device)["device"]
        if limits.counted(name, window=window) < allowed:
            return False
    counters = [(name, allowed) for name, allowed in _login_counters(email, client, "").values()]
    counts = limits.counted_many([name for name, _allowed in counters], window=window)
    return any(count >= allowed for count, (_name, allowed) in zip(counts, counters, strict=True))


def record_login_failure(email: str, client: str, device_cookie: str = "") -> None:
    device = _trusted_device(email, device_cookie)
    if device:
        name, allowed = _login_counters(email, client, device)["device"]
        if limits.counted(name, window=settings.LOGIN_FAILURE_WINDOW_SECONDS) >= allowed:
            device = ""  # a device that failed too often counts like any other client
    for name, _allowed in _login_counters(email, client, device).values():
        limits.count(name, window=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def record_login_success(email: str, client: str, device_cookie: str = "") -> None:
    """A correct password: this pair's and this device's failures are forgotten. The account's and the
    client's totals stay (an attacker who also knows one password must not reset the others)."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    limits.forget(_login_counters(email, client, "")["pair"][0], window=window)
    device = _trusted_device(email, device_cookie)
    if device:
        limits.forget(_login_counters(email, client, device)["device"][0], window=window)


def login_wait_minutes() -> int:
    return limits.minutes_left(settings.LOGIN_FAILURE_WINDOW_SECONDS)


# --- Sign-up that does not tell whether an address has an account (ADR 0019) ----------------------------
# The sign-up page asks for the address only and always answers "we sent you an e-mail". A new address
# gets a signed link to the page that sets name and password (the account is made there); an address
# with an account gets a mail saying so, with the links to sign in and to reset the password.

SIGN_UP_SALT = "smartregion.accounts.sign-up"
SIGN_UP_LINK_VALID = timedelta(days=3)


class TooManyRequests(Exception):
    """Too many sign-up or password-reset requests from one client; the message says how long to wait."""


def count_mail_request(client: str) -> None:
    """Count a request that sends an account mail (sign-up, password reset) for this client; refuse beyond
    ACCOUNT_MAILS_PER_CLIENT_PER_HOUR. The answer does not depend on the address asked for."""
    requests = limits.count(limits.key("account-mail-client", client), window=3600)
    if requests > settings.ACCOUNT_MAILS_PER_CLIENT_PER_HOUR:
        minutes = limits.minutes_left(3600)
        raise TooManyRequests(
            ngettext(
                "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anfragen. Bitte warten Sie %(minutes)s Minute.",
                "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anfragen. Bitte warten Sie %(minutes)s Minuten.",
                minutes,
            )
            % {"minutes": minutes}
        )


def account_mail_allowed(email: str) -> bool:
    """At most ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR account mails to one address; beyond that none is sent
    (silently: the page must answer the same whether an account exists)."""
    name = limits.key("account-mail-address", User.objects.normalize_email_address(email))
    return limits.count(name, window=3600) <= settings.ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR


def sign_up_token(email: str) -> str:
    return signing.dumps({"email": User.objects.normalize_email_address(email)}, salt=SIGN_UP_SALT)


def sign_up_email(token: str) -> str | None:
    """The address a sign-up link was mailed to, or None if the link is forged or expired."""
    try:
        value = signing.loads(token, salt=SIGN_UP_SALT, max_age=SIGN_UP_LINK_VALID)
    except signing.BadSignature:  # also SignatureExpired
        return None
    email = value.get("email") if isinstance(value, dict) else None
    return email or None


def request_sign_up(*, email: str, base_url: str) -> None:
    """Mail the next step of a sign-up: the link to make the account, or, if the address has one, a note
    with the links to sign in and reset the password. Both ways read one row and send one mail."""
    email = User.objects.normalize_email_address(email)
    has_account = User.objects.filter(email__iexact=email).exists()
    if not account_mail_allowed(email):
        return
    base_url = base_url.rstrip("/")
    context = {"site_name": settings.SITE_NAME, "days": SIGN_UP_LINK_VALID.days}
    if has_account:
        context |= {
            "login_link": base_url + reverse("accounts:login"),
            "reset_link": base_url + reverse("accounts:password_reset"),
        }
        subject = _("Anmeldeversuch mit Ihrer Adresse – %(site)s")
        template = "accounts/email/sign_up_existing.txt"
    else:
        context["link"] = base_url + reverse("accounts:register_confirm", args=[sign_up_token(email)])
        subject = _("Ihr Konto bei %(site)s")
        template = "accounts/email/sign_up.txt"
    send_mail(
        subject=subject % {"site": settings.SITE_NAME},
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[email],
    )


def send_no_account_mail(*, email: str, base_url: str) -> None:
    """A password reset was asked for an address without an active account: tell its owner so (the page
    answers the same either way, and both ways send one mail)."""
    context = {
        "site_name": settings.SITE_NAME,
        "register_link": base_url.rstrip("/") + reverse("accounts:register"),
        "contact": settings.OPERATOR_CONTACT_EMAIL,
    }
    send_mail(
        subject=_("Neues Passwort für %(site)s") % {"site": settings.SITE_NAME},
        message=render_to_string("accounts/email/password_reset_unknown.txt", context),
        from_email=None,
        recipient_list=[User.objects.normalize_email_address(email)],
    )
