"""Events of a network and what comes of them: meetings, workshops, living labs and webinars with their agenda,
registrations, walk-in attendees, follow-ups and workshop cards, the members' breaks from hosting, and partnerships
between member territories (issue 23: their own app above needs, actors and projects; the tables kept their
`network_*` names, ADR 0024)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from .enums import EventAudience, FollowUpStatus


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

    network = models.ForeignKey(
        "network.Network", verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="events"
    )
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

    history = HistoricalRecords(table_name="network_historicalevent", excluded_fields=["updated_at"])

    class Meta:
        db_table = "network_event"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["network", "starts_at"], name="event_network_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.network.slug, self.pk])

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
        db_table = "network_agendaitem"  # the table kept its name when the model moved here (ADR 0024)
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

    history = HistoricalRecords(table_name="network_historicalregistration", excluded_fields=["updated_at"])

    class Meta:
        db_table = "network_registration"  # the table kept its name when the model moved here (ADR 0024)
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

    history = HistoricalRecords(table_name="network_historicalfollowup", excluded_fields=["updated_at"])

    class Meta:
        db_table = "network_followup"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("Folgeaufgabe")
        verbose_name_plural = _("Folgeaufgaben")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "status"], name="followup_due_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:follow_up_edit", args=[self.event.network.slug, self.pk])

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

    history = HistoricalRecords(table_name="network_historicalwalkinattendee", excluded_fields=["updated_at"])

    class Meta:
        db_table = "network_walkinattendee"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("Teilnahme ohne Anmeldung")
        verbose_name_plural = _("Teilnahmen ohne Anmeldung")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class HostDecline(TimeStampedModel):
    """A member said it cannot host the network's meetings for a while; the rotation skips it until `until`."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="host_declines")
    territory = models.ForeignKey("territories.Territory", verbose_name=_("Mitglied"), on_delete=models.CASCADE)
    until = models.DateField(_("kann nicht ausrichten bis"))
    note = models.CharField(_("Grund"), max_length=300, blank=True)

    class Meta:
        db_table = "network_hostdecline"  # the table kept its name when the model moved here (ADR 0024)
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
        db_table = "network_workshopcard"  # the table kept its name when the model moved here (ADR 0024)
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
        "network.Network", verbose_name=_("Netzwerk"), null=True, blank=True, on_delete=models.SET_NULL,
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

    history = HistoricalRecords(table_name="network_historicalpartnership", excluded_fields=["updated_at"])

    class Meta:
        db_table = "network_partnership"  # the table kept its name when the model moved here (ADR 0024)
        verbose_name = _("Partnerschaft")
        verbose_name_plural = _("Partnerschaften")
        ordering = ["-starts_on", "topic"]

    def __str__(self) -> str:
        return self.topic
