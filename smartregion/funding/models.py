"""Funding programmes (EU, Bund, Land) with their call deadlines."""

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from .enums import STALE_AFTER_DAYS, Level, ProgrammeStatus, Stacking


class FundingProgramme(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    code = models.CharField(_("Kennung"), max_length=20, unique=True)
    name = models.CharField(_("Name"), max_length=300)
    short_name = models.CharField(_("Kurzname"), max_length=120, blank=True)
    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices)
    land = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Land"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "land"},
    )
    provider = models.CharField(_("Fördergeber"), max_length=300, blank=True)
    project_agency = models.CharField(_("Projektträger"), max_length=300, blank=True)
    applicants = models.JSONField(_("antragsberechtigt"), default=list, blank=True)
    population_min = models.PositiveIntegerField(_("Einwohner mindestens"), null=True, blank=True)
    population_max = models.PositiveIntegerField(_("Einwohner höchstens"), null=True, blank=True)
    domains = models.ManyToManyField("taxonomy.Domain", verbose_name=_("Handlungsfelder"), blank=True)
    funding_type = models.CharField(_("Förderart"), max_length=300, blank=True)
    max_rate_percent = models.PositiveSmallIntegerField(_("Förderquote bis (%)"), null=True, blank=True)
    max_amount_eur = models.PositiveBigIntegerField(_("Förderbetrag bis (€)"), null=True, blank=True)
    stacking = models.CharField(_("kombinierbar"), max_length=20, choices=Stacking.choices, default=Stacking.UNKNOWN)
    stacking_note = models.TextField(_("Hinweis zur Kombinierbarkeit"), blank=True)
    excludes = models.ManyToManyField("self", verbose_name=_("nicht kombinierbar mit"), blank=True, symmetrical=True)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    deadline_text = models.TextField(_("Antragsfrist"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.UNKNOWN
    )
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    url = WebURLField(_("Programmseite"), max_length=500, blank=True)
    sources = models.TextField(_("Quellen"), blank=True)
    as_of = models.DateField(_("Stand"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:detail", args=[self.code])

    @property
    def needs_check(self) -> bool:
        """The source is older than a year (or undated): show "bitte prüfen"."""
        return self.as_of is None or self.as_of < timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)

    @property
    def source_list(self) -> list[str]:
        return [source.strip() for source in self.sources.split(" | ") if source.strip()]


class Deadline(models.Model):
    """A dated call deadline of a programme (read from its deadline text, or entered by a coordinator)."""

    programme = models.ForeignKey(FundingProgramme, on_delete=models.CASCADE, related_name="deadlines")
    closes_on = models.DateField(_("Frist"))
    label = models.CharField(_("Bezeichnung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Antragsfrist")
        verbose_name_plural = _("Antragsfristen")
        ordering = ["closes_on"]
        constraints = [models.UniqueConstraint(fields=["programme", "closes_on"], name="deadline_unique_day")]

    def __str__(self) -> str:
        return f"{self.programme} {self.closes_on:%d.%m.%Y}"
