"""Participation: a consultation (public, or a team's internal discussion) with comments on parts of a
document, ideas and one support per person and idea. Moderation hides a contribution with a reason;
nothing is deleted (history keeps every state).

The app knows nothing of what is being discussed: its owner (an agenda) names the parts by key and
label and decides who may do what (see agendas.rules).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import TimeStampedModel

from .enums import ConsultationKind, FlagOutcome, FlagReason, IdeaHandling, Phase


class Consultation(TimeStampedModel):
    kind = models.CharField(_("Art"), max_length=10, choices=ConsultationKind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(
        _("Ende"),
        null=True,
        blank=True,
        help_text=_("Der letzte Tag der Beteiligung; nach einem vorzeitigen Ende dieser Tag."),
    )
    planned_ends_on = models.DateField(
        _("geplantes Ende"),
        null=True,
        blank=True,
        help_text=_("Nur wenn die Beteiligung vorzeitig beendet wurde: das Ende, das geplant war."),
    )
    closed_at = models.DateTimeField(_("beendet am"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beendet von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conclusion = models.TextField(
        _("Fazit der Beteiligung"), blank=True, help_text=_("Was aus der Beteiligung folgt, in eigenen Worten.")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Beteiligung")
        verbose_name_plural = _("Beteiligungen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def phase(self, today=None) -> str:
        if self.closed_at is not None:
            return Phase.CLOSED
        if self.kind == ConsultationKind.TEAM:
            return Phase.OPEN
        today = today or timezone.localdate()
        if self.starts_on and today < self.starts_on:
            return Phase.UPCOMING
        if self.ends_on and today > self.ends_on:
            return Phase.CLOSED
        return Phase.OPEN

    @property
    def ended_early(self) -> bool:
        """Closed by hand before its planned end: `ends_on` is the day it ended, `planned_ends_on` the plan."""
        return self.planned_ends_on is not None

    @property
    def is_open(self) -> bool:
        return self.phase() == Phase.OPEN

    def get_phase_display(self) -> str:
        return Phase(self.phase()).label


class Contribution(TimeStampedModel):
    """What a person wrote. Hidden by a moderator with a reason, never deleted."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("von"), on_delete=models.PROTECT)
    text = models.TextField(_("Text"))
    hidden_at = models.DateTimeField(_("ausgeblendet am"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ausgeblendet von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(_("Grund für das Ausblenden"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Comment(Contribution):
    part_key = models.CharField(_("Teil"), max_length=60)
    part_label = models.CharField(_("Bezeichnung des Teils"), max_length=300)
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("Beteiligung"), on_delete=models.CASCADE, related_name="comments"
    )
    # A reply is a comment under another one (one level: a reply to a reply goes under the same comment).
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("Antwort auf"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "part_key"], name="comment_part")]

    def __str__(self) -> str:
        return self.text[:60]


class Idea(Contribution):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("Beteiligung"), on_delete=models.CASCADE, related_name="ideas"
    )
    title = models.CharField(_("Titel"), max_length=200)
    handling = models.CharField(
        _("Umgang mit der Idee"), max_length=20, choices=IdeaHandling.choices, default=IdeaHandling.OPEN
    )
    handling_note = models.TextField(_("Begründung"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bearbeitet von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Idee")
        verbose_name_plural = _("Ideen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Support(models.Model):
    """One person supports one idea once."""

    idea = models.ForeignKey(Idea, verbose_name=_("Idee"), on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("von"), on_delete=models.CASCADE)
    created_at = models.DateTimeField(_("am"), default=timezone.now)

    class Meta:
        verbose_name = _("Unterstützung")
        verbose_name_plural = _("Unterstützungen")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="support_once_per_person")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


class Flag(TimeStampedModel):
    """A participant reports a comment or an idea to the moderation, once per person and contribution.
    The moderation hides the contribution or dismisses the report; either way the report stays with its
    outcome, who decided and when (and the history)."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("Beteiligung"), on_delete=models.CASCADE, related_name="flags"
    )
    comment = models.ForeignKey(
        Comment, verbose_name=_("Kommentar"), null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    idea = models.ForeignKey(
        Idea, verbose_name=_("Idee"), null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemeldet von"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("Grund der Meldung"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("Erläuterung"), max_length=500, blank=True)
    outcome = models.CharField(
        _("Ergebnis"), max_length=20, choices=FlagOutcome.choices, default=FlagOutcome.OPEN, db_index=True
    )
    resolved_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erledigt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comment__isnull=False, idea__isnull=True)
                | models.Q(comment__isnull=True, idea__isnull=False),
                name="flag_one_contribution",
            ),
            models.UniqueConstraint(
                fields=["comment", "flagged_by"], condition=models.Q(comment__isnull=False), name="flag_comment_once"
            ),
            models.UniqueConstraint(
                fields=["idea", "flagged_by"], condition=models.Q(idea__isnull=False), name="flag_idea_once"
            ),
        ]
        indexes = [models.Index(fields=["consultation", "outcome"], name="flag_queue")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} → {self.comment_id or self.idea_id}"

    @property
    def contribution(self):
        return self.comment if self.comment_id else self.idea
