from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.accounts.enums import AccessRequestStatus, TerritoryRoleKind
from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from .enums import (
    BOUNDARY_LEVEL_FOR_KIND,
    AllianceType,
    BoundaryLevel,
    SizeClass,
    TerritoryKind,
    Urbanisation,
    legal_form_of,
)


class Territory(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    """A Gebietskörperschaft from the Destatis register, or an alliance (Verbund) of them.

    Register territories are identified by their ARS and are never deleted: a territory that
    vanishes from a newer register (merger, re-keying) is marked inactive. Alliances are created by
    network coordinators and have no official key.
    """

    code = models.CharField(
        _("Kennung"), max_length=40, unique=True, help_text=_("ARS oder Verbundkennung; Teil der Adresse.")
    )
    ars = models.CharField(_("Amtlicher Regionalschlüssel (ARS)"), max_length=12, blank=True, db_index=True)
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel (AGS)"), max_length=8, blank=True, db_index=True)
    name = models.CharField(_("amtlicher Name"), max_length=200)
    short_name = models.CharField(_("Name"), max_length=200)
    search_name = models.CharField(_("Suchname"), max_length=200, db_index=True, editable=False)
    kind = models.CharField(_("Ebene"), max_length=20, choices=TerritoryKind.choices, db_index=True)
    type_code = models.CharField(_("Textkennzeichen"), max_length=4, blank=True)
    type_label = models.CharField(_("Art"), max_length=80, blank=True)

    parent = models.ForeignKey(
        "self", verbose_name=_("übergeordnet"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    land = models.ForeignKey(
        "self", verbose_name=_("Land"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regbez = models.ForeignKey(
        "self", verbose_name=_("Regierungsbezirk"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kreis = models.ForeignKey(
        "self",
        verbose_name=_("Kreis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kreis_territories",
    )
    verband = models.ForeignKey(
        "self", verbose_name=_("Gemeindeverband"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    population = models.PositiveIntegerField(_("Einwohner (Register 31.12.2023)"), null=True, blank=True)
    population_census_2022 = models.PositiveIntegerField(_("Einwohner (Zensus 2022)"), null=True, blank=True)
    area_km2 = models.FloatField(_("Fläche in km²"), null=True, blank=True)
    density = models.FloatField(_("Einwohner je km²"), null=True, blank=True)
    urbanisation = models.PositiveSmallIntegerField(
        _("Grad der Verstädterung"), choices=Urbanisation.choices, null=True, blank=True
    )
    size_class = models.CharField(
        _("Größenklasse"), max_length=20, choices=SizeClass.choices, blank=True, db_index=True
    )
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    postcode = models.CharField(_("Postleitzahl des Verwaltungssitzes"), max_length=5, blank=True, db_index=True)
    is_active = models.BooleanField(
        _("besteht"),
        default=True,
        db_index=True,
        help_text=_("Nein, wenn die Gebietskörperschaft im aktuellen Register nicht mehr vorkommt."),
    )

    alliance_type = models.CharField(_("Art des Verbunds"), max_length=20, choices=AllianceType.choices, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    website = WebURLField(_("Website"), blank=True)
    members = models.ManyToManyField(
        "self",
        verbose_name=_("Mitglieder"),
        through="AllianceMember",
        symmetrical=False,
        related_name="alliances",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["search_name", "updated_at"])

    class Meta:
        verbose_name = _("Gebietskörperschaft")
        verbose_name_plural = _("Gebietskörperschaften")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ars"], condition=~models.Q(ars=""), name="territory_unique_ars"),
        ]
        indexes = [models.Index(fields=["kind", "land"], name="territory_kind_land")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territories:detail", args=[self.code])

    @property
    def is_alliance(self) -> bool:
        return self.kind == TerritoryKind.ALLIANCE

    @property
    def is_kreisfreie_stadt(self) -> bool:
        return self.kind == TerritoryKind.GEMEINDE and self.type_code in {"61", "62"}

    @property
    def legal_form(self) -> str | None:
        """What the territory is in law (enums.LegalForm), from its register type; None for Länder (but the
        city states Berlin and Hamburg), Regierungsbezirke and gemeindefreie Gebiete."""
        return legal_form_of(kind=self.kind, type_code=self.type_code, alliance_type=self.alliance_type, ars=self.ars)

    @property
    def display_kind(self) -> str:
        if self.is_alliance and self.alliance_type:
            return self.get_alliance_type_display()
        return self.type_label or self.get_kind_display()

    @property
    def boundary_level(self):
        return BOUNDARY_LEVEL_FOR_KIND.get(self.kind)

    def ancestors(self) -> list["Territory"]:
        """Land → Regierungsbezirk → Kreis → Gemeindeverband, from the denormalised keys."""
        return [t for t in (self.land, self.regbez, self.kreis, self.verband) if t and t.pk != self.pk]


class AllianceMember(TimeStampedModel):
    alliance = models.ForeignKey(
        Territory, verbose_name=_("Verbund"), on_delete=models.CASCADE, related_name="member_links"
    )
    member = models.ForeignKey(
        Territory, verbose_name=_("Mitglied"), on_delete=models.PROTECT, related_name="alliance_links"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Verbundmitglied")
        verbose_name_plural = _("Verbundmitglieder")
        constraints = [models.UniqueConstraint(fields=["alliance", "member"], name="alliance_member_unique")]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.alliance}"


class Boundary(models.Model):
    """A simplified outline (BKG VG5000) of a Land, Regierungsbezirk, Kreis or Gemeinde, as GeoJSON.

    Boundaries are keyed by level and ARS, not linked to territories: their vintage (01.01.2021) is
    older than the register, so a few keys differ after mergers.
    """

    level = models.CharField(_("Ebene"), max_length=10, choices=BoundaryLevel.choices)
    ars = models.CharField(_("ARS"), max_length=12)
    name = models.CharField(_("Name"), max_length=200)
    geometry = models.JSONField(_("Geometrie (GeoJSON)"))
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    vintage = models.DateField(_("Stand"))

    class Meta:
        verbose_name = _("Umriss")
        verbose_name_plural = _("Umrisse")
        constraints = [models.UniqueConstraint(fields=["level", "ars"], name="boundary_unique_level_ars")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.ars} {self.name}"


class RegisterImport(models.Model):
    """One run of `import_territories`: what was read and what changed."""

    file_name = models.CharField(_("Datei"), max_length=255)
    as_of = models.DateField(_("Gebietsstand"), null=True, blank=True)
    started_at = models.DateTimeField(_("begonnen"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("Zeilen"), default=0)
    created = models.PositiveIntegerField(_("angelegt"), default=0)
    updated = models.PositiveIntegerField(_("aktualisiert"), default=0)
    deactivated = models.PositiveIntegerField(_("deaktiviert"), default=0)

    class Meta:
        verbose_name = _("Registerimport")
        verbose_name_plural = _("Registerimporte")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.as_of})"


# --- Roles, requests for access and API keys (moved from accounts, ADR 0024) -----------------------------


class TerritoryRole(TimeStampedModel):
    """A person edits (or administers) one territory's content."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="territory_roles"
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("Gebietskörperschaft"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=TerritoryRoleKind.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vergeben von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(table_name="accounts_historicalterritoryrole")

    class Meta:
        db_table = "accounts_territoryrole"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("Rolle in einer Gebietskörperschaft")
        verbose_name_plural = _("Rollen in Gebietskörperschaften")
        constraints = [models.UniqueConstraint(fields=["user", "territory"], name="territory_role_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.territory}"


class AccessRequest(TimeStampedModel, SoftDeleteModel):
    """A signed-up person asks for a role in a territory (ADR 0021). The territory's admins decide; where
    it has none, the coordinators of its networks; then platform admins (`rules.decides_access_to`)."""

    territory = models.ForeignKey(
        Territory,
        verbose_name=_("Gebietskörperschaft"),
        on_delete=models.CASCADE,
        related_name="access_requests",
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantragt von"),
        on_delete=models.CASCADE,
        related_name="access_requests",
    )
    role = models.CharField(_("gewünschte Rolle"), max_length=20, choices=TerritoryRoleKind.choices)
    message = models.TextField(_("Nachricht"), max_length=2000)
    status = models.CharField(
        _("Stand"), max_length=20, choices=AccessRequestStatus.choices, default=AccessRequestStatus.OPEN
    )
    from_own_domain = models.BooleanField(
        _("Adresse aus der Domain der Kommune"),
        default=False,
        help_text=_("Beim Antrag festgestellt: die Adresse gehört zur Domain der hinterlegten Website."),
    )
    checked_domain = models.CharField(
        _("verglichene Domain"),
        max_length=253,
        blank=True,
        help_text=_("Die Domain der Website beim Antrag; leer, wenn keine Website hinterlegt war."),
    )
    language = models.CharField(_("Sprache der Person"), max_length=8, default="de")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    reason = models.TextField(_("Begründung"), max_length=2000, blank=True)

    history = HistoricalRecords(table_name="accounts_historicalaccessrequest")

    class Meta:
        db_table = "accounts_accessrequest"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("Zugangsanfrage")
        verbose_name_plural = _("Zugangsanfragen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "requester"],
                condition=models.Q(status="offen", deleted_at__isnull=True),
                name="access_request_one_open",
            )
        ]
        indexes = [models.Index(fields=["status", "territory"], name="access_request_status")]

    def __str__(self) -> str:
        return f"{self.requester} → {self.territory} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == AccessRequestStatus.OPEN and self.deleted_at is None


class ApiToken(TimeStampedModel):
    """A personal key for writing through the REST API, limited to some of the person's territories.

    Only a hash of the key is stored; the key itself is shown once, when it is made. Revoked keys stay
    (with the time of revocation) so that the record of who wrote what remains readable.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    prefix = models.CharField(_("Anfang des Schlüssels"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    territories = models.ManyToManyField(Territory, verbose_name=_("gilt für"), related_name="+")
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        db_table = "accounts_apitoken"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.user.is_active
