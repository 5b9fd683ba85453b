"""The Smart-Region-Matrix (versioned reference data) and self-assessments on it."""

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel

from .enums import AssessmentStatus, Priority, ReviewStatus, Visibility

_EXAMPLE = re.compile(r"\(z\. ?B\. ([^)]*)\)")


def _english() -> bool:
    return (get_language() or "de").startswith("en")


class MatrixVersion(models.Model):
    """One edition of `data/matrix-v*.json`. Never changed once an assessment uses it."""

    version = models.CharField(_("Version"), max_length=20, unique=True)
    title_de = models.CharField(_("Titel (deutsch)"), max_length=200)
    title_en = models.CharField(_("Titel (englisch)"), max_length=200)
    note_de = models.TextField(_("Hinweis (deutsch)"), blank=True)
    note_en = models.TextField(_("Hinweis (englisch)"), blank=True)
    previous = models.ForeignKey(
        "self", verbose_name=_("Vorgängerversion"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    levels = models.JSONField(_("Stufen"), default=list)
    checksum = models.CharField(_("Prüfsumme"), max_length=64)
    loaded_at = models.DateTimeField(_("eingelesen am"), auto_now=True)

    class Meta:
        verbose_name = _("Version der Smart-Region-Matrix")
        verbose_name_plural = _("Versionen der Smart-Region-Matrix")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if _english() else self.title_de

    @property
    def note(self) -> str:
        return self.note_en if _english() else self.note_de

    def level_label(self, level) -> str:
        for entry in self.levels:
            if entry["level"] == level:
                return entry["label_en"] if _english() else entry["label_de"]
        return ""


class Dimension(models.Model):
    matrix = models.ForeignKey(MatrixVersion, on_delete=models.CASCADE, related_name="dimensions")
    key = models.SlugField(_("Schlüssel"), max_length=40)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    label_de = models.CharField(_("Bezeichnung (deutsch)"), max_length=120)
    label_en = models.CharField(_("Bezeichnung (englisch)"), max_length=120)
    description_de = models.TextField(_("Beschreibung (deutsch)"), blank=True)
    description_en = models.TextField(_("Beschreibung (englisch)"), blank=True)

    class Meta:
        verbose_name = _("Dimension")
        verbose_name_plural = _("Dimensionen")
        ordering = ["matrix", "position"]
        constraints = [models.UniqueConstraint(fields=["matrix", "key"], name="dimension_unique_key")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if _english() else self.label_de

    @property
    def description(self) -> str:
        return self.description_en if _english() else self.description_de


class Cell(models.Model):
    """One Handlungsfeld × dimension, with the descriptors of levels 0–4 in German and English."""

    matrix = models.ForeignKey(MatrixVersion, on_delete=models.CASCADE, related_name="cells")
    domain = models.ForeignKey("taxonomy.Domain", verbose_name=_("Handlungsfeld"), on_delete=models.PROTECT)
    dimension = models.ForeignKey(Dimension, verbose_name=_("Dimension"), on_delete=models.CASCADE)
    descriptors_de = models.JSONField(_("Stufenbeschreibungen (deutsch)"), default=list)
    descriptors_en = models.JSONField(_("Stufenbeschreibungen (englisch)"), default=list)

    class Meta:
        verbose_name = _("Zelle der Matrix")
        verbose_name_plural = _("Zellen der Matrix")
        ordering = ["matrix", "domain__position", "dimension__position"]
        constraints = [models.UniqueConstraint(fields=["matrix", "domain", "dimension"], name="cell_unique")]

    def __str__(self) -> str:
        return f"{self.domain} · {self.dimension}"

    @property
    def key(self) -> str:
        return f"{self.domain.key}/{self.dimension.key}"

    @property
    def descriptors(self) -> list[str]:
        return self.descriptors_en if _english() else self.descriptors_de

    @property
    def gap_key(self) -> str:
        """A need's key for a gap in this cell, stable across cycles and matrix versions."""
        return f"matrix:{self.domain.key}:{self.dimension.key}"

    def examples_de(self) -> str:
        """The concrete examples the matrix names for this cell (its descriptors say "(z. B. …)")."""
        for descriptor in self.descriptors_de:
            found = _EXAMPLE.search(descriptor)
            if found:
                return found.group(1)
        return ""

    def gap_text_de(self, target_level: int) -> str:
        """Words to match solutions for a gap: the examples first (they carry the distinctive words),
        then the target level's description. German, like the catalog's full-text index."""
        target = self.descriptors_de[target_level] if 0 <= target_level < len(self.descriptors_de) else ""
        return " ".join(part for part in [self.examples_de(), target] if part)


class CellMapping(models.Model):
    """How a cell of a newer version draws on cells of its predecessor (weights sum to 1)."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="sources")
    source = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="successors")
    weight = models.FloatField(_("Gewicht"), default=1.0)

    class Meta:
        verbose_name = _("Zuordnung zur Vorgängerversion")
        verbose_name_plural = _("Zuordnungen zur Vorgängerversion")
        constraints = [models.UniqueConstraint(fields=["cell", "source"], name="cell_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.cell_id} ({self.weight:g})"


class Assessment(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    """A territory's self-assessment in one cycle (year)."""

    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Gebietskörperschaft"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    cycle = models.PositiveSmallIntegerField(_("Zyklus (Jahr)"))
    matrix = models.ForeignKey(MatrixVersion, verbose_name=_("Matrix"), on_delete=models.PROTECT)
    status = models.CharField(
        _("Status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=20, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    submitted_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("abgeschlossen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("übernommen aus"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("Beispieldaten (Demo)"), default=False)
    # Scores are computed on submission (scoring.py) and kept with the assessment: results pages and
    # peer statistics read them instead of recomputing 72 cells for every peer.
    overall_index = models.FloatField(_("Gesamtindex"), null=True, blank=True)
    domain_scores = models.JSONField(_("Index je Handlungsfeld"), default=dict, blank=True)
    dimension_scores = models.JSONField(_("Index je Dimension"), default=dict, blank=True)
    gap_cells = models.JSONField(_("Zellen mit Lücke"), default=list, blank=True)
    # The submission whose scores are counted in the peer statistics (tasks.count_in_peer_statistics): a
    # second delivery of the task finds it equal to submitted_at and counts nothing twice.
    peers_counted_at = models.DateTimeField(_("in den Vergleichswerten gezählt"), null=True, blank=True, editable=False)
    similar_peers = models.JSONField(_("strukturell ähnliche Vergleichskommunen"), default=list, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "similar_peers"])

    class Meta:
        verbose_name = _("Selbsteinschätzung")
        verbose_name_plural = _("Selbsteinschätzungen")
        ordering = ["territory", "-cycle"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "cycle"],
                condition=models.Q(deleted_at__isnull=True),
                name="assessment_unique_cycle",
            )
        ]
        indexes = [models.Index(fields=["status", "cycle"], name="assessment_status_cycle")]

    def __str__(self) -> str:
        return f"{self.territory} {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:results", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


class AnswerQuerySet(models.QuerySet):
    def with_cells(self):
        """In matrix order, with each cell's field and dimension; the level texts stay unread."""
        return (
            self.select_related("cell__domain", "cell__dimension")
            .defer("cell__descriptors_de", "cell__descriptors_en")
            .order_by("cell__domain__position", "cell__dimension__position")
        )


class Answer(TimeStampedModel, RevisionedModel):
    """The answer for one cell: current level, target level in three years, evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    cell = models.ForeignKey(Cell, verbose_name=_("Zelle"), on_delete=models.PROTECT, related_name="+")
    current_level = models.PositiveSmallIntegerField(_("heutige Stufe"), null=True, blank=True)
    target_level = models.PositiveSmallIntegerField(_("Zielstufe in drei Jahren"), null=True, blank=True)
    not_relevant = models.BooleanField(_("für uns nicht relevant"), default=False)
    priority = models.PositiveSmallIntegerField(_("Priorität"), choices=Priority.choices, default=Priority.MEDIUM)
    evidence = models.TextField(_("Nachweise und Begründung"), blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("Projekte als Nachweis"), blank=True, related_name="assessment_answers"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AnswerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[projects])

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [models.UniqueConstraint(fields=["assessment", "cell"], name="answer_unique_cell")]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.cell_id}"

    @property
    def is_answered(self) -> bool:
        return self.not_relevant or self.current_level is not None


class Review(TimeStampedModel):
    """A peer review of a submitted assessment by another territory's editor or an expert."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Gutachter·in"), on_delete=models.PROTECT, related_name="reviews"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("eingeladen von"), on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("Nachricht"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.INVITED)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Peer-Review")
        verbose_name_plural = _("Peer-Reviews")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["assessment", "reviewer"], name="review_unique_reviewer")]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.reviewer}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:review", args=[self.pk])


class ReviewComment(TimeStampedModel):
    """A reviewer's comment on a cell (optionally suggesting a level), or the territory's answer to it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    cell = models.ForeignKey(Cell, verbose_name=_("Zelle"), on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("von"), on_delete=models.PROTECT)
    reply_to = models.ForeignKey(
        "self", verbose_name=_("Antwort auf"), null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    text = models.TextField(_("Kommentar"))
    suggested_level = models.PositiveSmallIntegerField(_("vorgeschlagene Stufe"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Kommentar im Peer-Review")
        verbose_name_plural = _("Kommentare im Peer-Review")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class PeerStatistic(models.Model):
    """Precomputed distribution of one score in one peer group and cycle (see peers.py)."""

    cycle = models.PositiveSmallIntegerField(_("Zyklus"))
    group = models.CharField(_("Vergleichsgruppe"), max_length=20)
    group_key = models.CharField(_("Gruppe"), max_length=40)
    metric = models.CharField(_("Kennzahl"), max_length=80)
    count = models.PositiveIntegerField(_("Anzahl"))
    values = models.JSONField(_("Verteilung (Wert, Anzahl)"), default=list)

    class Meta:
        verbose_name = _("Vergleichsstatistik")
        verbose_name_plural = _("Vergleichsstatistiken")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "group", "group_key", "metric"], name="peer_statistic_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} {self.group}:{self.group_key} {self.metric} (n={self.count})"
