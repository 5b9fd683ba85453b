import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import TimeStampedModel


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


def new_invitation_token() -> str:
    """Kept for migration 0001 (Invitation's token default); Invitation lives in network now (ADR 0024)."""
    return secrets.token_urlsafe(32)
