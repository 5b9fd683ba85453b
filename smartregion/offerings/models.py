"""Offerings of Bund and Länder for municipalities beyond grants: advice, labs, platforms, trainings,
competence centres, networks, guides, data portals, awards (ADR 0022)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from .enums import PARTIAL_DATE, STALE_AFTER_DAYS, Cost, Kind, Land, Level, OfferingStatus, TargetGroup
from .lookups import HasElement


def partial_date_start(text: str) -> date | None:
    """The first day a partial date can mean ("2025" → 1 Jan 2025, "2024-01" → 1 Jan 2024); None if it is
    not one (or names no real day)."""
    match = PARTIAL_DATE.match(text or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def validate_partial_date(value) -> None:
    if value and partial_date_start(value) is None:
        raise ValidationError(_("Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT angeben."), code="invalid")


class Offering(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    code = models.CharField(_("Kennung"), max_length=20, unique=True)
    name = models.CharField(_("Name"), max_length=300)
    short_name = models.CharField(_("Kurzname"), max_length=120, blank=True)
    provider = models.CharField(_("Anbieter"), max_length=300, blank=True)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    land_code = models.CharField(
        _("Land"),
        max_length=2,
        choices=Land.choices,
        blank=True,
        help_text=_("Bei Angeboten eines Landes und kommunal-gemeinsamen Angeboten; leer bei Angeboten des Bundes."),
    )
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    target_groups = models.JSONField(_("Zielgruppen"), default=list, blank=True)
    cost = models.CharField(_("Kosten"), max_length=20, choices=Cost.choices, default=Cost.UNKNOWN)
    domains = models.ManyToManyField("taxonomy.Domain", verbose_name=_("Handlungsfelder"), blank=True)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    how_to_use = models.TextField(_("So nutzt eine Kommune das Angebot"), blank=True)
    contact_url = WebURLField(_("Kontaktseite"), max_length=500, blank=True)
    url = WebURLField(_("Angebotsseite"), max_length=500, blank=True)
    sources = models.TextField(_("Quellen"), blank=True)
    as_of = models.CharField(
        _("Stand"),
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text=_("Datum der jüngsten Quelle: JJJJ, JJJJ-MM oder JJJJ-MM-TT (so genau, wie die Quelle es sagt)."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=OfferingStatus.choices, default=OfferingStatus.UNKNOWN
    )
    # The values the last import of the shipped list wrote (importer.py): a field whose value differs from
    # it was changed on the platform since, and a later shipped import leaves it as it is.
    shipped_values = models.JSONField(_("Stand der mitgelieferten Liste"), default=dict, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "shipped_values"])

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("offerings:detail", args=[self.code])

    @property
    def as_of_date(self) -> date | None:
        return partial_date_start(self.as_of)

    @property
    def as_of_display(self) -> str:
        """The as-of date as precise as its source: "2025", "01/2024", "12.01.2024"."""
        day = self.as_of_date
        if day is None:
            return ""
        if len(self.as_of) == 4:
            return f"{day:%Y}"
        if len(self.as_of) == 7:
            return f"{day:%m/%Y}"
        return f"{day:%d.%m.%Y}"

    def is_stale(self, today: date) -> bool:
        """Older than a year (counted from the first day the date can mean) or undated: "bitte prüfen"."""
        day = self.as_of_date
        return day is None or day < today - timedelta(days=STALE_AFTER_DAYS)

    @property
    def needs_check(self) -> bool:
        return self.is_stale(timezone.localdate())

    @property
    def is_discontinued(self) -> bool:
        return self.status == OfferingStatus.DISCONTINUED

    @property
    def land_name(self) -> str:
        return self.get_land_code_display() if self.land_code else ""

    @property
    def where(self) -> str:
        """ "Bund", or the Land it serves."""
        return self.land_name if self.land_code else self.get_level_display()

    @property
    def target_group_labels(self) -> list[str]:
        """The target groups as the page shows them (translated labels; an unknown stored value as it is)."""
        labels = dict(TargetGroup.choices)
        return [str(labels.get(group, group)) for group in self.target_groups]

    @property
    def source_list(self) -> list[str]:
        return [source.strip() for source in self.sources.split(" | ") if source.strip()]


Offering._meta.get_field("target_groups").register_lookup(HasElement)
