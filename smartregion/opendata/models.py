"""The data inventory (Datenlandkarte): which data a territory holds and could share, with distributions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from .enums import Access, FileType, Frequency, Licence, Theme


class Dataset(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("Gebiet"), on_delete=models.PROTECT, related_name="datasets"
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    domain = models.ForeignKey(
        "taxonomy.Domain", verbose_name=_("Handlungsfeld"), null=True, blank=True, on_delete=models.PROTECT
    )
    theme = models.CharField(_("Thema (EU)"), max_length=10, choices=Theme.choices)
    publisher = models.CharField(_("Herausgeber"), max_length=200)
    contact_email = models.EmailField(_("Kontakt (E-Mail)"), blank=True)
    licence = models.CharField(_("Lizenz"), max_length=20, choices=Licence.choices, default=Licence.DL_BY)
    attribution = models.CharField(
        _("Namensnennung"), max_length=300, blank=True, help_text=_("Wie Nutzende die Quelle nennen sollen.")
    )
    access = models.CharField(_("Zugang"), max_length=12, choices=Access.choices, default=Access.OPEN)
    frequency = models.CharField(
        _("Aktualisierung"), max_length=10, choices=Frequency.choices, default=Frequency.UNKNOWN
    )
    temporal_start = models.DateField(_("Zeitraum von"), null=True, blank=True)
    temporal_end = models.DateField(_("Zeitraum bis"), null=True, blank=True)
    standards = models.CharField(
        _("Standards"), max_length=300, blank=True, help_text=_("Durch Kommas getrennt, z. B. GTFS, XPlanung, OParl.")
    )
    keywords = models.CharField(_("Schlagworte"), max_length=300, blank=True)
    legislation = WebURLField(
        _("Rechtsgrundlage (ELI-Adresse)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Adresse der Vorschrift, die die Bereitstellung regelt, z. B. https://www.gesetze-im-internet.de/…"
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Datenbestand")
        verbose_name_plural = _("Datenbestände")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["access", "id"], name="dataset_access_id")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opendata:detail", args=[self.pk])

    @property
    def standard_list(self) -> list[str]:
        return [part.strip() for part in self.standards.split(",") if part.strip()]

    @property
    def keyword_list(self) -> list[str]:
        return [part.strip() for part in self.keywords.split(",") if part.strip()]


class Distribution(TimeStampedModel):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="distributions")
    title = models.CharField(_("Titel"), max_length=200, blank=True)
    access_url = WebURLField(_("Adresse"), max_length=500)
    file_type = models.CharField(_("Format"), max_length=12, choices=FileType.choices)
    media_type = models.CharField(_("Medientyp"), max_length=100, blank=True, help_text=_("z. B. text/csv"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Distribution")
        verbose_name_plural = _("Distributionen")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title or self.access_url
