"""Requests for access to a territory (ADR 0021): asked by a signed-up person, decided by the territory's
admins (where there are none, the coordinators of its networks; then platform admins), with a mail to the
requester in her language and a mail to the deciders on a new request.

Every write asks `rules.decides_access_to` (deciding) or the requester's own conditions (asking) here, so
the pages, the team page and any later path meet the same rule.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from smartregion.accounts.enums import AccessRequestStatus, TerritoryRoleKind
from smartregion.accounts.rules import decides_access_to
from smartregion.core import limits
from smartregion.core.refusals import Refused
from smartregion.notifications.enums import Kind
from smartregion.notifications.services import notify

from . import access_queries as queries
from .models import AccessRequest, TerritoryRole
from .roles import grant_territory_role

MESSAGE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 2000


class AccessRequestRefused(Refused):
    """The request cannot be made or decided; the message says why, in words for the person."""


# --- The territory's own domain -------------------------------------------------------------------------


def website_domain(website: str) -> str:
    """The domain of a territory's website ("https://www.jena.de/buergerservice" → "jena.de"); "" without a
    usable host name. A leading "www." is dropped; a mailto: address gives its domain."""
    text = (website or "").strip()
    if text[:7].lower() == "mailto:":
        host = text[7:].split("?", 1)[0].split(",", 1)[0].rpartition("@")[2]
    else:
        try:
            host = urlsplit(text).hostname or ""
        except ValueError:
            host = ""
    host = host.strip().rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    if "." not in host or host.replace(".", "").isdigit():  # no domain, or an IP address
        return ""
    return host


def address_in_domain(email: str, domain: str) -> bool:
    """The address's domain is `domain` or one of its subdomains (mail@stadt.jena.de for jena.de); a
    parent domain or a look-alike (jena.de.example, nichtjena.de) is not."""
    if not domain:
        return False
    address_domain = (email or "").rpartition("@")[2].strip().rstrip(".").lower()
    return address_domain == domain or address_domain.endswith("." + domain)


# --- Asking -----------------------------------------------------------------------------------------------


def refusal_to_ask(*, territory, requester) -> str:
    """Why `requester` cannot ask for access to `territory` now, or "" if she can."""
    if not requester.is_authenticated or not requester.is_active:
        return _("Bitte melden Sie sich an.")
    if territory.is_deleted or not territory.is_active:
        return _("Diese Gebietskörperschaft besteht nicht mehr; hier kann niemand Zugang beantragen.")
    if requester.is_superuser:
        return _("Als Plattform-Administration haben Sie bereits alle Rechte.")
    if TerritoryRole.objects.filter(user=requester, territory=territory).exists():
        return _("Sie haben hier bereits eine Rolle.")
    if queries.open_request(requester, territory) is not None:
        return _("Sie haben für diese Gebietskörperschaft bereits eine offene Anfrage.")
    return ""


def _count_request(requester) -> None:
    """At most ACCESS_REQUESTS_PER_HOUR and ACCESS_REQUESTS_PER_DAY requests per account (core.limits,
    shared by all workers). Counted inside the request's transaction: a refused request uses up nothing
    on the database counters (ADR 0019)."""
    name = limits.key("access-requests", requester.pk)
    for window, allowed in ((3600, settings.ACCESS_REQUESTS_PER_HOUR), (86400, settings.ACCESS_REQUESTS_PER_DAY)):
        if limits.count(name, window=window) > allowed:
            minutes = limits.minutes_left(window)
            raise AccessRequestRefused(
                ngettext(
                    "Sie haben in kurzer Zeit viele Zugangsanfragen gestellt. Bitte warten Sie %(minutes)s Minute.",
                    "Sie haben in kurzer Zeit viele Zugangsanfragen gestellt. Bitte warten Sie %(minutes)s Minuten.",
                    minutes,
                )
                % {"minutes": minutes}
            )


@transaction.atomic
def request_access(*, territory, requester, role: str, message: str, base_url: str, language: str = "de"):
    """Ask for `role` in `territory`. One open request per person and territory; rate-limited per account.
    Marks whether the requester's address belongs to the territory's web domain (as it is now) and mails the
    people who decide."""
    if role not in TerritoryRoleKind.values:
        raise ValueError(f"unknown territory role {role!r}")
    message = (message or "").strip()
    if not message:
        raise AccessRequestRefused(_("Bitte schreiben Sie, wer Sie sind und wofür Sie den Zugang brauchen."))
    if len(message) > MESSAGE_MAX_LENGTH:
        raise AccessRequestRefused(_("Die Nachricht ist zu lang."))
    refusal = refusal_to_ask(territory=territory, requester=requester)
    if refusal:
        raise AccessRequestRefused(refusal)
    _count_request(requester)
    domain = website_domain(territory.website)
    access_request = AccessRequest(
        territory=territory,
        requester=requester,
        role=role,
        message=message,
        from_own_domain=address_in_domain(requester.email, domain),
        checked_domain=domain,
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
    )
    access_request._history_user = requester
    try:
        with transaction.atomic():
            access_request.save()
    except IntegrityError:  # the same request sent twice at once
        raise AccessRequestRefused(_("Sie haben für diese Gebietskörperschaft bereits eine offene Anfrage.")) from None
    _mail_deciders(access_request, base_url=base_url)
    return access_request


def _mail_deciders(access_request: AccessRequest, *, base_url: str) -> None:
    """Tell each person who decides (inbox and, as each has set it, mail in her language)."""
    _level, deciders = queries.deciders_for(access_request.territory)
    for decider in deciders:
        notify(
            decider,
            Kind.ACCESS_REQUEST,
            access_request,
            {"list_link": base_url.rstrip("/") + reverse("access:requests")},
            key=f"{access_request.pk}",
            link=reverse("access:request", args=[access_request.pk]),
            base_url=base_url,
        )


# --- Deciding ---------------------------------------------------------------------------------------------


def _locked_open(access_request: AccessRequest, by) -> AccessRequest:
    locked = (
        AccessRequest.objects.select_for_update().select_related("territory", "requester").get(pk=access_request.pk)
    )
    if not decides_access_to(by, locked.territory):
        raise AccessRequestRefused(_("Über diese Anfrage entscheiden andere."))
    if not locked.is_open:
        raise AccessRequestRefused(_("Über diese Anfrage ist bereits entschieden."))
    return locked


@transaction.atomic
def approve_access_request(access_request: AccessRequest, *, by, base_url: str, role: str = "") -> AccessRequest:
    """Grant the role (the requested one unless the decider chose another) through grant_territory_role and
    tell the requester. A role the person has meanwhile is never lowered (an admin stays admin)."""
    access_request = _locked_open(access_request, by)
    role = role or access_request.role
    if role not in TerritoryRoleKind.values:
        raise ValueError(f"unknown territory role {role!r}")
    existing = TerritoryRole.objects.filter(user=access_request.requester, territory=access_request.territory).first()
    if existing is None or existing.role != TerritoryRoleKind.ADMIN:
        grant_territory_role(user=access_request.requester, territory=access_request.territory, role=role, by=by)
    granted = TerritoryRoleKind.ADMIN if existing and existing.role == TerritoryRoleKind.ADMIN else role
    access_request.status = AccessRequestStatus.ACCEPTED
    access_request.decided_by = by
    access_request.decided_at = timezone.now()
    access_request._history_user = by
    if granted != access_request.role:
        access_request._change_reason = f"angenommen als {granted}"
    access_request.save()
    _mail_requester(access_request, accepted=True, granted=granted, base_url=base_url)
    return access_request


@transaction.atomic
def decline_access_request(access_request: AccessRequest, *, by, reason: str, base_url: str) -> AccessRequest:
    """Decline with a reason (required; the requester reads it in the mail)."""
    reason = (reason or "").strip()
    if not reason:
        raise AccessRequestRefused(_("Bitte begründen Sie die Ablehnung."))
    if len(reason) > REASON_MAX_LENGTH:
        raise AccessRequestRefused(_("Die Begründung ist zu lang."))
    access_request = _locked_open(access_request, by)
    access_request.status = AccessRequestStatus.DECLINED
    access_request.reason = reason
    access_request.decided_by = by
    access_request.decided_at = timezone.now()
    access_request._history_user = by
    access_request.save()
    _mail_requester(access_request, accepted=False, granted="", base_url=base_url)
    return access_request


@transaction.atomic
def withdraw_access_request(access_request: AccessRequest, *, by) -> AccessRequest:
    """The requester takes her open request back (nobody is told)."""
    access_request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if access_request.requester_id != getattr(by, "pk", None):
        raise AccessRequestRefused(_("Nur die Person, die angefragt hat, kann die Anfrage zurückziehen."))
    if not access_request.is_open:
        raise AccessRequestRefused(_("Über diese Anfrage ist bereits entschieden."))
    access_request.status = AccessRequestStatus.WITHDRAWN
    access_request.decided_at = timezone.now()
    access_request._history_user = by
    access_request.save()
    return access_request


def _mail_requester(access_request: AccessRequest, *, accepted: bool, granted: str, base_url: str) -> None:
    """The decision, in the language the requester used when she asked."""
    notify(
        access_request.requester,
        Kind.ACCESS_DECISION,
        access_request,
        {
            "accepted": accepted,
            "granted_label": TerritoryRoleKind(granted).label if granted else "",
            "territory_link": base_url.rstrip("/") + access_request.territory.get_absolute_url(),
        },
        key=f"{access_request.pk}",
        link=reverse("access:request", args=[access_request.pk]),
        base_url=base_url,
        language=access_request.language,
    )
