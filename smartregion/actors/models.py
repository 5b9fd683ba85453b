"""Experts and organisations of the Experten-Forum, with per-field contact visibility."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from .enums import ActorKind, ContactVisibility, Sector


def _visibility_field():
    return models.CharField(
        _("sichtbar für"), max_length=10, choices=ContactVisibility.choices, default=ContactVisibility.HIDDEN
    )


class Actor(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    kind = models.CharField(_("Art"), max_length=20, choices=ActorKind.choices, default=ActorKind.PERSON)
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(
        _("Organisation"), max_length=200, blank=True, help_text=_("Bei Personen: Arbeitgeber oder Einrichtung.")
    )
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    sector = models.CharField(_("Sektor"), max_length=20, choices=Sector.choices)
    description = models.TextField(_("Profil"), blank=True)
    domains = models.ManyToManyField(
        "taxonomy.Domain", verbose_name=_("Kompetenzen (Handlungsfelder)"), blank=True, related_name="actors"
    )
    keywords = models.ManyToManyField(
        "taxonomy.Keyword", verbose_name=_("Kompetenzen (Stichworte)"), blank=True, related_name="actors"
    )
    home_territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Sitz"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nationwide = models.BooleanField(_("bundesweit tätig"), default=False)
    regions = models.ManyToManyField(
        "territories.Territory", verbose_name=_("betreute Regionen"), blank=True, related_name="served_by"
    )
    reference_projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("Referenzprojekte"), blank=True, related_name="actors"
    )
    available_forum = models.BooleanField(_("im Experten-Forum ansprechbar"), default=False)
    available_review = models.BooleanField(_("für Peer-Reviews verfügbar"), default=False)

    email = models.EmailField(_("E-Mail"), blank=True)
    email_visibility = _visibility_field()
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    phone_visibility = _visibility_field()
    website = WebURLField(_("Website"), blank=True)
    website_visibility = _visibility_field()
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    address_visibility = _visibility_field()
    consent_at = models.DateTimeField(_("Einwilligung zur Veröffentlichung am"), null=True, blank=True)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenes Konto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actor_profile",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[domains, keywords, regions])

    class Meta:
        verbose_name = _("Expertin, Experte oder Organisation")
        verbose_name_plural = _("Expertinnen, Experten und Organisationen")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["sector", "kind"], name="actor_sector_kind")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", args=[self.pk])
