"""How other apps tell people something: `notify(recipient, kind, obj, context)` (ADR 0028).

It writes an inbox entry (for an account) and, as the person's setting for the kind says, a mail to the outbox: at
once, in the daily digest, or none. No mail goes to an address that has not been confirmed; the inbox entry stays.
The text is rendered once, in the person's language, from `notifications/kinds/<kind>.txt` and
`<kind>_subject.txt`. `key` names the event: a second call with the same recipient, kind and key does nothing
(a daily run, a retried request)."""

import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartregion.core.freshness import bulk_written

from . import delivery
from .enums import DIGEST, Delivery, Kind, MailState
from .models import AddressOptOut, DeliverySetting, Notification, OutboxMail, Watch
from .tokens import unsubscribe_token


def site_url(base_url: str = "") -> str:
    return (base_url or settings.SITE_URL).rstrip("/")


def delivery_for(user, kind: str) -> str:
    setting = DeliverySetting.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return setting or Delivery.IMMEDIATELY


def _language(user, language: str) -> str:
    languages = dict(settings.LANGUAGES)
    for candidate in (language, getattr(user, "language", "")):
        if candidate in languages:
            return candidate
    return settings.LANGUAGE_CODE


@transaction.atomic
def notify(
    recipient,
    kind: str,
    obj=None,
    context: dict | None = None,
    *,
    key: str = "",
    link: str = "",
    base_url: str = "",
    language: str = "",
    attachments: list[dict] | tuple = (),
):
    """Tell `recipient` (an account, or an e-mail address; an address with an account counts as that account)
    about `obj`. `link` is a path on this site; `attachments` are {"name", "content", "mimetype"} dicts.
    Returns the inbox entry (None for an address without account, or when `key` was used before)."""
    kind = Kind(kind)
    key = f"{kind}:{key or uuid.uuid4().hex}"
    user, address = _resolve(recipient)
    if user is not None and not user.is_active:
        return None
    base = site_url(base_url)
    lang = _language(user, language)
    with translation.override(lang):
        values = {
            "obj": obj,
            "recipient": user,
            "site_name": settings.SITE_NAME,
            "link": base + link if link else "",
            **(context or {}),
        }
        subject = " ".join(render_to_string(f"notifications/kinds/{kind}_subject.txt", values).split())[:300]
        body = render_to_string(f"notifications/kinds/{kind}.txt", values).strip()
    notification = None
    if user is not None:
        content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    kind=kind,
                    content_type=content_type,
                    object_id=obj.pk if obj is not None else None,
                    subject=subject,
                    body=body,
                    link=link,
                    key=key,
                )
        except IntegrityError:
            return None  # this event was told before
        # an invitation goes to the address the inviter typed: its mail is how the address proves itself
        unconfirmed = not user.email_confirmed and kind != Kind.INVITATION
        if unconfirmed or delivery_for(user, kind) != Delivery.IMMEDIATELY:
            return notification
    elif AddressOptOut.objects.filter(email=address, kind=kind).exists():
        return None
    mail = _outbox(
        key=f"{key}:{user.pk if user else address}",
        user=user,
        address=address,
        kind=kind,
        language=lang,
        base=base,
        subject=subject,
        body=body,
        link=values["link"],
        attachments=list(attachments),
    )
    if mail is not None:
        delivery.schedule(mail)
    return notification


def _resolve(recipient):
    User = get_user_model()
    if isinstance(recipient, User):
        return recipient, recipient.email
    address = User.objects.normalize_email_address(recipient)
    user = User.objects.filter(email__iexact=address).first()
    return user, (user.email if user else address)


def _outbox(*, key, user, address, kind, language, base, subject, body, link, attachments, items=()):
    """One mail to the outbox with both parts and the unsubscribe headers; None when the key was used."""
    token = unsubscribe_token(kind=kind, user=user, address=address)
    with translation.override(language):
        unsubscribe = base + reverse("notifications:unsubscribe", args=[token])
        values = {
            "subject": subject,
            "body": body,
            "page_url": link,
            "items": items,
            "unsubscribe_url": unsubscribe,
            "settings_url": base + reverse("notifications:settings") if user is not None else "",
            "kind_label": Kind(kind).label if kind != DIGEST else _("Tägliche Zusammenfassung"),
            "site_name": settings.SITE_NAME,
            "language": language,
        }
        text = render_to_string("notifications/mail/message.txt", values)
        html = render_to_string("notifications/mail/message.html", values)
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    try:
        with transaction.atomic():
            return OutboxMail.objects.create(
                key=key[:255],
                recipient=user,
                to_address=address,
                kind=kind,
                subject=subject,
                text_body=text,
                html_body=html,
                headers=headers,
                attachments=attachments,
            )
    except IntegrityError:
        return None


@transaction.atomic
def withdraw(kind: str, *, key: str) -> int:
    """Take back what `notify(…, kind, key=key)` told (a reply the moderation hid): the inbox entries go, and
    so do their mails that are still waiting; a mail already sent stays sent. Returns how many entries went.
    A later `notify` with the same key tells it anew."""
    kind = Kind(kind)
    full_key = f"{kind}:{key}"
    removed, _rows = Notification.objects.filter(kind=kind, key=full_key).delete()
    OutboxMail.objects.filter(kind=kind, key__startswith=f"{full_key}:", state=MailState.PENDING).delete()
    bulk_written(Notification)
    bulk_written(OutboxMail)
    return removed


# --- Inbox -------------------------------------------------------------------------------------------


def mark_read(*, user, pk: int | None = None) -> int:
    """Mark one entry (or, without pk, all) of the person's inbox read. Returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    changed = unread.update(read_at=timezone.now())
    bulk_written(Notification)
    return changed


# --- Settings and unsubscribing -------------------------------------------------------------------------


@transaction.atomic
def set_delivery(*, user, kind: str, delivery: str, by) -> None:
    setting, _created = DeliverySetting.objects.get_or_create(user=user, kind=kind)
    if setting.delivery != delivery:
        setting.delivery = delivery
        setting._history_user = by
        setting.save()


@transaction.atomic
def unsubscribe(value: dict) -> str:
    """Turn off the mail of the kind the token names (from reading `read_unsubscribe_token`). The digest's token
    turns every kind set to the digest off. Returns the kind's label."""
    kind = value["k"]
    if "a" in value:
        AddressOptOut.objects.get_or_create(email=value["a"], kind=kind)
        return Kind(kind).label if kind in Kind.values else kind
    user = get_user_model().objects.filter(pk=value["u"]).first()
    if user is None:
        return ""
    if kind == DIGEST:
        kinds = [k for k in Kind.values if delivery_for(user, k) == Delivery.DIGEST]
        for each in kinds:
            set_delivery(user=user, kind=each, delivery=Delivery.OFF, by=None)
        return _("Tägliche Zusammenfassung")
    set_delivery(user=user, kind=kind, delivery=Delivery.OFF, by=None)
    return Kind(kind).label


# --- Watches -------------------------------------------------------------------------------------------


@transaction.atomic
def toggle_watch(*, user, obj) -> bool:
    """Start or stop watching `obj`. True when the person watches it now."""
    content_type = ContentType.objects.get_for_model(obj)
    deleted, _rows = Watch.objects.filter(user=user, content_type=content_type, object_id=obj.pk).delete()
    if deleted:
        return False
    Watch.objects.create(user=user, content_type=content_type, object_id=obj.pk)
    return True


def watchers(obj):
    """The active accounts watching `obj`."""
    content_type = ContentType.objects.get_for_model(obj)
    return (
        get_user_model()
        .objects.filter(is_active=True, watches__content_type=content_type, watches__object_id=obj.pk)
        .distinct()
    )


# --- Daily digest --------------------------------------------------------------------------------------


def _end_of(day) -> datetime:
    """The first moment after `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@transaction.atomic
def send_digests(*, now=None, day=None, base_url: str = "") -> int:
    """One mail per person with the entries of kinds set to the daily digest that no digest carried yet.
    With `day` (a missed day caught up, `send_due_notifications --day`): the digest of that day, carrying
    the entries made up to its end and dated that day; a later run carries the rest. Each person gets one
    digest per day at most (its outbox key names the day). Returns how many digests went to the outbox."""
    now = now or timezone.now()
    day = day or timezone.localdate(now)
    end = _end_of(day)
    base = site_url(base_url)
    digest_kinds = DeliverySetting.objects.filter(delivery=Delivery.DIGEST).values_list("user_id", "kind")
    by_user: dict[int, set[str]] = {}
    for user_id, kind in digest_kinds:
        by_user.setdefault(user_id, set()).add(kind)
    sent = 0
    User = get_user_model()
    for user in User.objects.filter(pk__in=by_user, is_active=True, email_confirmed_at__isnull=False):
        entries = list(
            Notification.objects.filter(recipient=user, kind__in=by_user[user.pk], digested_at__isnull=True)
            .filter(created_at__lte=now, created_at__lt=end)
            .order_by("created_at", "pk")
        )
        if not entries:
            continue
        lang = _language(user, "")
        with translation.override(lang):
            subject = _("Ihre Benachrichtigungen vom %(day)s – %(site)s") % {
                "day": day.strftime("%d.%m.%Y"),
                "site": settings.SITE_NAME,
            }
        items = [{"subject": e.subject, "body": e.body, "page_url": base + e.link if e.link else ""} for e in entries]
        mail = _outbox(
            key=f"{DIGEST}:{user.pk}:{day.isoformat()}",
            user=user,
            address=user.email,
            kind=DIGEST,
            language=lang,
            base=base,
            subject=subject,
            body="",
            link=base + reverse("notifications:inbox"),
            attachments=[],
            items=items,
        )
        if mail is None:
            continue  # that day's digest went out before: these entries wait for the next day's
        Notification.objects.filter(pk__in=[e.pk for e in entries]).update(digested_at=now)
        bulk_written(Notification)
        delivery.schedule(mail)
        sent += 1
    return sent


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@transaction.atomic
def save_settings(*, user, language: str, deliveries: dict[str, str]) -> None:
    """The settings page: the person's language and the delivery per kind."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user._history_user = user
        user.save(update_fields=["language"])
    for kind, choice in deliveries.items():
        if choice != delivery_for(user, kind):
            set_delivery(user=user, kind=kind, delivery=choice, by=user)
