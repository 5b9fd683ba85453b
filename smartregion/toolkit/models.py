"""Werkzeugkasten: guides (versioned Markdown with attachments), project-management
recommendations, and the Bestandsaufnahme (taking stock) of a territory."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import Attachment, RevisionedModel, SoftDeleteModel, TimeStampedModel

from .enums import AttachmentKind, GuideKind, Phase, StocktakeKind


class Guide(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    """A Leitfaden, Handreichung or Checkliste written by coordinators in Markdown."""

    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=GuideKind.choices, default=GuideKind.LEITFADEN)
    summary = models.TextField(_("Kurzfassung"), max_length=600)
    body = models.TextField(
        _("Text (Markdown)"),
        help_text=_("Überschriften mit #, Listen mit - oder 1., Tabellen, Links [Text](https://…) und Bilder."),
    )
    domains = models.ManyToManyField("taxonomy.Domain", verbose_name=_("Handlungsfelder"), blank=True)
    dimension_keys = models.JSONField(_("Dimensionen der Matrix"), default=list, blank=True)
    phases = models.JSONField(_("Phasen"), default=list, blank=True)
    agenda_parts = models.JSONField(_("Teile des Digitalisierungskonzepts"), default=list, blank=True)
    authors = models.CharField(_("Autorinnen und Autoren"), max_length=300)
    as_of = models.DateField(_("Stand"))
    review_due = models.DateField(_("nächste Prüfung"))
    published = models.BooleanField(_("veröffentlicht"), default=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Leitfaden")
        verbose_name_plural = _("Leitfäden")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkit:guide", args=[self.slug])


class GuideAttachment(Attachment):
    """A template or image of a guide."""

    guide = models.ForeignKey(Guide, verbose_name=_("Leitfaden"), on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("Art"), max_length=10, choices=AttachmentKind.choices)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta(Attachment.Meta):
        verbose_name = _("Anhang eines Leitfadens")
        verbose_name_plural = _("Anhänge von Leitfäden")

    def get_absolute_url(self) -> str:
        return reverse("toolkit:attachment", args=[self.pk, self.download_name])

    def storage_folder(self) -> str:
        return f"werkzeugkasten/{self.guide_id}"


class Recommendation(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    """A project-management recommendation (Empfehlung): why, how, pitfalls, examples from the catalog."""

    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    why = models.TextField(_("Warum"))
    how = models.TextField(_("Wie"))
    pitfalls = models.TextField(_("Stolpersteine"), blank=True)
    phase = models.CharField(_("Phase"), max_length=30, choices=Phase.choices, default=Phase.UMSETZUNG)
    domains = models.ManyToManyField("taxonomy.Domain", verbose_name=_("Handlungsfelder"), blank=True)
    example_projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("Beispielprojekte"), blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Empfehlung")
        verbose_name_plural = _("Empfehlungen")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkit:recommendation", args=[self.slug])


class Stocktake(TimeStampedModel):
    """A territory's Bestandsaufnahme: its existing digital projects, data and actors, listed step by step."""

    territory = models.OneToOneField(
        "territories.Territory", verbose_name=_("Gebiet"), on_delete=models.CASCADE, related_name="stocktake"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("angelegt von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Bestandsaufnahme")
        verbose_name_plural = _("Bestandsaufnahmen")

    def __str__(self) -> str:
        return str(self.territory)

    def get_absolute_url(self) -> str:
        return reverse("toolkit:stocktake", args=[self.territory.code])


class StocktakeEntry(TimeStampedModel, RevisionedModel):
    """One listed project, data holding or actor; its fields depend on the kind (see stocktake.py)."""

    stocktake = models.ForeignKey(Stocktake, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("Art"), max_length=10, choices=StocktakeKind.choices)
    title = models.CharField(_("Bezeichnung"), max_length=200)
    data = models.JSONField(_("Angaben"), default=dict)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Eintrag der Bestandsaufnahme")
        verbose_name_plural = _("Einträge der Bestandsaufnahme")
        ordering = ["kind", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title
