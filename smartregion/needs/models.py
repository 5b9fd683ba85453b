"""A need (Bedarf) of a territory: what it lacks, in its own words, to be matched with solutions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel

from .enums import NeedOrigin, NeedStatus


class Need(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("Gebietskörperschaft"), on_delete=models.PROTECT, related_name="needs"
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    domains = models.ManyToManyField("taxonomy.Domain", verbose_name=_("Handlungsfelder"), related_name="needs")
    origin = models.CharField(_("Herkunft"), max_length=20, choices=NeedOrigin.choices, default=NeedOrigin.ENTERED)
    # Where an automatic need came from: the source ("assessment:12") and a stable key per territory
    # (for a matrix gap "matrix:<field>:<dimension>") so that the next cycle does not create it twice.
    origin_ref = models.CharField(_("Quelle"), max_length=60, blank=True, db_index=True)
    origin_key = models.CharField(_("Schlüssel der Quelle"), max_length=120, blank=True)
    origin_url = models.CharField(_("Adresse der Quelle"), max_length=300, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    is_public = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_("Sonst sehen ihn nur die eigene Verwaltung und die Koordination ihrer Netzwerke."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[domains])

    class Meta:
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "origin_key"],
                condition=~models.Q(origin_key="") & models.Q(deleted_at__isnull=True),
                name="need_unique_origin_key",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", args=[self.pk])
