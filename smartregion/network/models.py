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

from .enums import EventAudience, FollowUpStatus


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


class EventKind(models.TextChoices):
    MEETING = "netzwerktreffen", _("Netzwerktreffen")
    WORKSHOP = "workshop", _("Workshop")
    LIVING_LAB = "living-lab", _("Living Lab")
    WEBINAR = "webinar", _("Webinar")


class Event(TimeStampedModel, RevisionedModel):
    """A network's meeting, workshop, living lab or webinar; times are stored in UTC, shown in Europe/Berlin.

    An internal event (audience "netzwerk", the default) exists only for the people of member territories, the
    network's coordinators and platform admins; the online access is for them and the registered participants."""

    class Status(models.TextChoices):
        PLANNED = "geplant", _("geplant")
        CANCELLED = "abgesagt", _("abgesagt")

    network = models.ForeignKey(Network, verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Art"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING)
    audience = models.CharField(
        _("Teilnehmerkreis"),
        max_length=12,
        choices=EventAudience.choices,
        default=EventAudience.MEMBERS,
        help_text=_(
            "„Nur für das Netzwerk“: sehen und anmelden können sich nur die Mitglieder (Redaktionen der "
            "Mitgliedskommunen), die Koordination und die Plattform-Administration."
        ),
    )
    title = models.CharField(_("Titel"), max_length=200)
    host = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Gastgeber"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    online_url = WebURLField(_("Online-Zugang"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"), null=True, blank=True, help_text=_("Leer: unbegrenzt."))
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    sequence = models.PositiveIntegerField(_("Änderungszähler (iCalendar)"), default=0, editable=False)
    minutes = models.TextField(_("Protokoll"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["network", "starts_at"], name="event_network_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:event", args=[self.network.slug, self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_internal(self) -> bool:
        return self.audience != EventAudience.PUBLIC


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Tagesordnungspunkt"), max_length=300)

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnung")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        CONFIRMED = "bestaetigt", _("angemeldet")
        WAITING = "warteliste", _("auf der Warteliste")
        CANCELLED = "storniert", _("abgemeldet")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    attended = models.BooleanField(_("teilgenommen"), default=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.event}"


class FollowUp(TimeStampedModel, RevisionedModel):
    """An action item from an event: what, who (a person's name and/or a member territory), by when, where it
    stands; linked to a project, need or expert. Overdue: the due date has passed and it is not done."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="follow_ups")
    title = models.CharField(_("Aufgabe"), max_length=300)
    owner = models.CharField(
        _("verantwortliche Person"), max_length=200, blank=True, help_text=_("Name, ggf. mit Stelle.")
    )
    owner_territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("verantwortliche Kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Ihre Redaktion kann den Stand selbst eintragen."),
    )
    due_on = models.DateField(_("fällig am"))
    status = models.CharField(
        _("Stand"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN, db_index=True
    )
    note = models.CharField(_("Notiz zum Stand"), max_length=500, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("Projekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    need = models.ForeignKey(
        "needs.Need", verbose_name=_("Bedarf"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("Expertin/Experte"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Folgeaufgabe")
        verbose_name_plural = _("Folgeaufgaben")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "status"], name="followup_due_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:follow_up_edit", args=[self.event.network.slug, self.pk])

    @property
    def is_done(self) -> bool:
        return self.status == FollowUpStatus.DONE

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on < timezone.localdate()

    @property
    def owner_label(self) -> str:
        """The person and the territory, as far as given: "Anna Beispiel (Jena)"."""
        territory = self.owner_territory.name if self.owner_territory_id else ""
        if self.owner and territory:
            return f"{self.owner} ({territory})"
        return self.owner or territory


class WalkInAttendee(TimeStampedModel):
    """Somebody who took part without registering online, recorded by the coordination."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="walk_ins")
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Teilnahme ohne Anmeldung")
        verbose_name_plural = _("Teilnahmen ohne Anmeldung")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class HostDecline(TimeStampedModel):
    """A member said it cannot host the network's meetings for a while; the rotation skips it until `until`."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="host_declines")
    territory = models.ForeignKey("territories.Territory", verbose_name=_("Mitglied"), on_delete=models.CASCADE)
    until = models.DateField(_("kann nicht ausrichten bis"))
    note = models.CharField(_("Grund"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Absage als Gastgeber")
        verbose_name_plural = _("Absagen als Gastgeber")
        ordering = ["-until"]

    def __str__(self) -> str:
        return f"{self.territory} bis {self.until}"


class WorkshopCard(TimeStampedModel):
    """A challenge or need captured during a workshop; becomes a Need of its territory."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="cards")
    territory = models.ForeignKey("territories.Territory", verbose_name=_("Kommune"), on_delete=models.PROTECT)
    domain = models.ForeignKey("taxonomy.Domain", verbose_name=_("Handlungsfeld"), on_delete=models.PROTECT)
    text = models.CharField(_("Herausforderung oder Bedarf"), max_length=500)
    votes = models.PositiveIntegerField(_("Stimmen"), default=0)
    need = models.ForeignKey("needs.Need", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Workshop-Karte")
        verbose_name_plural = _("Workshop-Karten")
        ordering = ["-votes", "pk"]

    def __str__(self) -> str:
        return self.text


class Partnership(TimeStampedModel, RevisionedModel):
    """An inter-municipal cooperation: partners, topic, start, status, agreement document."""

    class Status(models.TextChoices):
        PLANNED = "geplant", _("in Vorbereitung")
        ACTIVE = "aktiv", _("aktiv")
        ENDED = "beendet", _("beendet")

    topic = models.CharField(_("Thema"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    partners = models.ManyToManyField("territories.Territory", verbose_name=_("Partner"), related_name="partnerships")
    network = models.ForeignKey(
        Network, verbose_name=_("Netzwerk"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="partnerships",
    )  # fmt: skip
    starts_on = models.DateField(_("Beginn"))
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    agreement = models.FileField(_("Vereinbarung"), upload_to="partnerschaften/", blank=True)
    agreement_public = models.BooleanField(
        _("Vereinbarung öffentlich"),
        default=False,
        help_text=_("Sonst laden sie nur die Partner, ihre Koordination und die Plattform-Administration herunter."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Partnerschaft")
        verbose_name_plural = _("Partnerschaften")
        ordering = ["-starts_on", "topic"]

    def __str__(self) -> str:
        return self.topic


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
