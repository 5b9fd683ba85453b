import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.accounts.enums import NetworkRoleKind, TerritoryRoleKind
from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField


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
    website = WebURLField(_("Website"), blank=True)
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


# --- Roles and invitations (moved from accounts, ADR 0024) -----------------------------------------------


class NetworkRole(TimeStampedModel):
    """A person coordinates a network."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="network_roles"
    )
    network = models.ForeignKey(Network, verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(
        _("Rolle"), max_length=20, choices=NetworkRoleKind.choices, default=NetworkRoleKind.COORDINATOR
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vergeben von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(table_name="accounts_historicalnetworkrole")

    class Meta:
        db_table = "accounts_networkrole"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("Rolle in einem Netzwerk")
        verbose_name_plural = _("Rollen in Netzwerken")
        constraints = [models.UniqueConstraint(fields=["user", "network"], name="network_role_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.network}"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(TimeStampedModel):
    """An invitation by e-mail to take a role in a territory or a network."""

    email = models.EmailField(_("E-Mail-Adresse"))
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Gebietskörperschaft"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    territory_role = models.CharField(_("Rolle"), max_length=20, choices=TerritoryRoleKind.choices, blank=True)
    network = models.ForeignKey(
        Network,
        verbose_name=_("Netzwerk"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingeladen von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("gültig bis"))
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angenommen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("zurückgezogen am"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token"], table_name="accounts_historicalinvitation")

    class Meta:
        db_table = "accounts_invitation"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(territory__isnull=False, network__isnull=True)
                    | models.Q(territory__isnull=True, network__isnull=False)
                ),
                name="invitation_exactly_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.territory or self.network}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def target(self):
        return self.territory or self.network

    def get_role_display_text(self) -> str:
        if self.territory_id:
            return self.get_territory_role_display()
        return str(NetworkRoleKind.COORDINATOR.label)
