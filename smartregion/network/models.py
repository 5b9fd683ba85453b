from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel


class Network(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    """A coordinating body (e.g. a state's Themenplattform) with member territories."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    organisation = models.CharField(_("koordinierende Stelle"), max_length=200, blank=True)
    land = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Land"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "land"},
    )
    website = models.URLField(_("Website"), blank=True)
    territories = models.ManyToManyField(
        "territories.Territory",
        verbose_name=_("Mitglieder"),
        through="NetworkMember",
        related_name="networks",
        blank=True,
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:detail", args=[self.slug])


class NetworkMember(TimeStampedModel):
    network = models.ForeignKey(Network, verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="members")
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Gebietskörperschaft"),
        on_delete=models.PROTECT,
        related_name="network_memberships",
    )
    joined_on = models.DateField(_("Mitglied seit"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Netzwerkmitglied")
        verbose_name_plural = _("Netzwerkmitglieder")
        constraints = [models.UniqueConstraint(fields=["network", "territory"], name="network_member_unique")]

    def __str__(self) -> str:
        return f"{self.territory} ∈ {self.network}"
