import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import SoftDeleteModel, TimeStampedModel

from .enums import AccessRequestStatus, NetworkRoleKind, TerritoryRoleKind


class UserManager(BaseUserManager):
    use_in_migrations = True

    @staticmethod
    def normalize_email_address(email: str) -> str:
        return (email or "").strip().lower()

    def get_by_natural_key(self, email):
        return self.get(email__iexact=self.normalize_email_address(email))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email_address(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Logs in with the e-mail address; roles come from memberships."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    full_name = models.CharField(_("Name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("Zugang zur Verwaltungsoberfläche"), default=False)
    is_expert = models.BooleanField(
        _("Experte/Expertin"), default=False, help_text=_("Darf ein eigenes Profil im Experten-Forum pflegen.")
    )
    date_joined = models.DateTimeField(_("registriert am"), default=timezone.now)
    language = models.CharField(
        _("Sprache"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="de",
        help_text=_("Sprache der E-Mails und Benachrichtigungen."),
    )
    email_confirmed_at = models.DateTimeField(
        _("E-Mail-Adresse bestätigt am"),
        null=True,
        blank=True,
        help_text=_("Leer: die Adresse ist nicht bestätigt; Benachrichtigungen gehen nur in den Posteingang."),
    )

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class TerritoryRole(TimeStampedModel):
    """A person edits (or administers) one territory's content."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="territory_roles"
    )
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("Gebietskörperschaft"), on_delete=models.CASCADE, related_name="roles"
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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Rolle in einer Gebietskörperschaft")
        verbose_name_plural = _("Rollen in Gebietskörperschaften")
        constraints = [models.UniqueConstraint(fields=["user", "territory"], name="territory_role_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.territory}"


class NetworkRole(TimeStampedModel):
    """A person coordinates a network."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="network_roles"
    )
    network = models.ForeignKey(
        "network.Network", verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="roles"
    )
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

    history = HistoricalRecords()

    class Meta:
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
        "network.Network",
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

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
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


class AccessRequest(TimeStampedModel, SoftDeleteModel):
    """A signed-up person asks for a role in a territory (ADR 0021). The territory's admins decide; where
    it has none, the coordinators of its networks; then platform admins (`rules.decides_access_to`)."""

    territory = models.ForeignKey(
        "territories.Territory",
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

    history = HistoricalRecords()

    class Meta:
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
    territories = models.ManyToManyField("territories.Territory", verbose_name=_("gilt für"), related_name="+")
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.user.is_active


class ExternalIdentity(TimeStampedModel):
    """A person's account at an identity provider (OpenID Connect), linked to one account here (ADR 0027).

    Linked once, by an e-mail address the provider asserted as verified; from then on a sign-in finds the
    account by (issuer, subject) alone, so a later change of the address at either side changes nothing.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    issuer = models.CharField(_("Anmeldedienst (Issuer)"), max_length=300)
    subject = models.CharField(_("Kennung beim Anmeldedienst (sub)"), max_length=255)
    email_at_link = models.EmailField(_("bestätigte Adresse bei der Verknüpfung"))
    last_sign_in_at = models.DateTimeField(_("zuletzt angemeldet"), null=True, blank=True)
    mapped_roles = models.JSONField(
        _("durch Gruppen vergebene Rollen"),
        default=list,
        blank=True,
        help_text=_("Von Gruppen des Anmeldedienstes vergebene Rollen: [Art, Nr., Rolle]."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Verknüpfung mit einem Anmeldedienst")
        verbose_name_plural = _("Verknüpfungen mit Anmeldediensten")
        ordering = ["issuer", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique_subject"),
            models.UniqueConstraint(fields=["user", "issuer"], name="external_identity_one_per_provider"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.issuer}"
