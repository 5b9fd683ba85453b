"""Funding programmes (EU, Bund, Land) with their call deadlines."""

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from . import deadline_rules
from .enums import (
    AMOUNT_LABEL,
    AMOUNT_LABELS,
    RATE_LABEL,
    RATE_LABELS,
    STALE_AFTER_DAYS,
    FundingKind,
    Level,
    ProgrammeStatus,
    Stacking,
)


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
    funding_kind = models.CharField(
        _("Art der Förderung"),
        max_length=30,
        choices=FundingKind.choices,
        blank=True,
        help_text=_("Bei einem Darlehen ist der Prozentsatz der Finanzierungsanteil, keine Förderquote."),
    )
    max_rate_percent = models.PositiveSmallIntegerField(
        _("Förderquote bzw. Finanzierungsanteil bis (%)"), null=True, blank=True
    )
    max_amount_eur = models.PositiveBigIntegerField(_("Förderbetrag bis (€)"), null=True, blank=True)
    stacking = models.CharField(_("kombinierbar"), max_length=20, choices=Stacking.choices, default=Stacking.UNKNOWN)
    stacking_note = models.TextField(_("Hinweis zur Kombinierbarkeit"), blank=True)
    excludes = models.ManyToManyField("self", verbose_name=_("nicht kombinierbar mit"), blank=True, symmetrical=True)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    deadline_text = models.TextField(_("Antragsfrist"), blank=True)
    deadline_rule = models.CharField(
        _("Fristregel"),
        max_length=500,
        blank=True,
        validators=[deadline_rules.validate_rule],
        help_text=_(
            "laufend, einmalig:JJJJ-MM-TT, jaehrlich:MM-TT (wiederkehrend), aufrufe:JJJJ-MM-TT|JJJJ-MM-TT, "
            "unbekannt. Leer: die Daten im Text der Antragsfrist gelten als Fristen."
        ),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.UNKNOWN
    )
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    url = WebURLField(_("Programmseite"), max_length=500, blank=True)
    sources = models.TextField(_("Quellen"), blank=True)
    as_of = models.DateField(_("Stand"), null=True, blank=True)
    audit_note = models.TextField(_("Prüfvermerk"), blank=True, help_text=_("Wann und wie die Angaben geprüft wurden."))
    # The values the last import of the shipped list wrote (importer.py): a field whose value differs from
    # it was changed on the platform since, and a later shipped import leaves it as it is (ADR 0011).
    shipped_values = models.JSONField(_("Stand der mitgelieferten Liste"), default=dict, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "shipped_values"])

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
        return self.is_stale(timezone.localdate())

    def is_stale(self, today) -> bool:
        return self.as_of is None or self.as_of < today - timedelta(days=STALE_AFTER_DAYS)

    @property
    def is_loan(self) -> bool:
        return self.funding_kind == FundingKind.LOAN

    @property
    def rate_label(self) -> str:
        """ "Förderquote bis", for a loan "Finanzierungsanteil bis"."""
        return str(RATE_LABELS.get(self.funding_kind, RATE_LABEL))

    @property
    def amount_label(self) -> str:
        return str(AMOUNT_LABELS.get(self.funding_kind, AMOUNT_LABEL))

    @property
    def rate_text(self) -> str:
        """ "Förderquote bis 90 %", "Finanzierungsanteil bis 100 %" (a loan), or "" without a percentage."""
        return f"{self.rate_label} {self.max_rate_percent} %" if self.max_rate_percent else ""

    @property
    def kind_text(self) -> str:
        """What the money is, in words: the typed kind, or the free text of the first list."""
        return self.get_funding_kind_display() if self.funding_kind else self.funding_type

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
