"""The in-app inbox, each person's delivery settings per kind, watches and the outbox of mails (ADR 0028)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enums import Delivery, Kind, MailState


class Notification(models.Model):
    """One entry of a person's inbox: the text is rendered once, in her language, when it is made."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Empfänger/in"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    subject = models.CharField(_("Betreff"), max_length=300)
    body = models.TextField(_("Text"))
    link = models.CharField(_("Verweis"), max_length=500, blank=True)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("erstellt am"), default=timezone.now)
    read_at = models.DateTimeField(_("gelesen am"), null=True, blank=True)
    digested_at = models.DateTimeField(_("in Zusammenfassung gemailt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject


class DeliverySetting(models.Model):
    """How a person wants one kind of notification mailed; without a row: immediately."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings")
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("E-Mail"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATELY)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="delivery_setting_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}: {self.get_delivery_display()}"


class AddressOptOut(models.Model):
    """An address without an account (an invitation's) that asked for no more mail of a kind."""

    email = models.EmailField(_("E-Mail-Adresse"))
    kind = models.CharField(_("Art"), max_length=30)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Abbestellte Adresse")
        verbose_name_plural = _("Abbestellte Adressen")
        constraints = [models.UniqueConstraint(fields=["email", "kind"], name="address_opt_out_once")]

    def __str__(self) -> str:
        return f"{self.email} · {self.kind}"


class Watch(models.Model):
    """A person watches an object (a funding programme, a territory) to hear of its news."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Beobachtung")
        verbose_name_plural = _("Beobachtungen")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="watch_once"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="watch_target")]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model} {self.object_id}"


class OutboxMail(models.Model):
    """A mail to send. `key` is unique: the same event is never mailed twice; `state` and `attempts` carry
    the retries (delivery.py)."""

    key = models.CharField(max_length=255, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_address = models.EmailField(_("an"))
    kind = models.CharField(_("Art"), max_length=30)
    subject = models.CharField(_("Betreff"), max_length=300)
    text_body = models.TextField()
    html_body = models.TextField()
    headers = models.JSONField(default=dict)
    attachments = models.JSONField(default=list)  # [{"name", "content" (text), "mimetype"}]
    state = models.CharField(_("Stand"), max_length=12, choices=MailState.choices, default=MailState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), default=timezone.now)
    last_error = models.TextField(_("letzter Fehler"), blank=True)
    created_at = models.DateTimeField(_("erstellt am"), default=timezone.now)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ausgehende E-Mail")
        verbose_name_plural = _("Ausgehende E-Mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.to_address}: {self.subject}"

    def message(self, connection=None) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text_body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to_address],
            headers=self.headers,
            connection=connection,
        )
        message.attach_alternative(self.html_body, "text/html")
        for attachment in self.attachments:
            message.attach(attachment["name"], attachment["content"], attachment["mimetype"])
        return message
