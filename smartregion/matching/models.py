"""What the coordinators write about the funding gaps of their network (funding_gaps.py finds the gaps)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, TimeStampedModel


class GapGrouping(models.TextChoices):
    """How the funding gaps of a network are grouped; a recommendation belongs to one group."""

    DOMAIN = "handlungsfeld", _("Handlungsfeld")
    LAND = "land", _("Land")
    KREIS = "kreis", _("Kreis")
    SIZE = "groesse", _("Größenklasse")


class GapRecommendation(TimeStampedModel, RevisionedModel):
    """A coordinator's recommendation for one group of funding gaps of a network (e.g. the Handlungsfeld
    Mobilität): what the Förderkulisse lacks and what the Land or the Bund should offer."""

    network = models.ForeignKey(
        "network.Network", verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="+"
    )
    grouping = models.CharField(_("Gruppierung"), max_length=20, choices=GapGrouping.choices)
    key = models.CharField(
        _("Gruppe"), max_length=60, help_text=_("Schlüssel des Handlungsfelds, Kennung des Gebiets oder Größenklasse.")
    )
    text = models.TextField(_("Empfehlung"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuletzt geändert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Empfehlung zu einer Förderlücke")
        verbose_name_plural = _("Empfehlungen zu Förderlücken")
        ordering = ["network", "grouping", "key"]
        constraints = [
            models.UniqueConstraint(fields=["network", "grouping", "key"], name="gap_recommendation_unique_group")
        ]

    def __str__(self) -> str:
        return f"{self.network} · {self.get_grouping_display()} {self.key}"
