"""A job: a file built, or an uploaded file imported, in the background for the person who asked (ADR 0026)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import FINISHED, JobState


def result_path(job, file_name: str) -> str:
    # One folder per job: the file of a job is written once (a second delivery replaces, never adds).
    return f"jobs/{job.pk}/{file_name}"


def source_path(job, file_name: str) -> str:
    # The uploaded file of an import, kept in the shared storage until the worker has read it (any node may).
    return f"jobs/{job.pk}/upload/{file_name}"


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("Art"), max_length=40)
    object_id = models.CharField(_("Objekt"), max_length=64)
    object_label = models.CharField(_("Bezeichnung"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("angefordert von")
    )
    language = models.CharField(_("Sprache"), max_length=10)
    state = models.CharField(_("Stand"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.CharField(_("Fortschritt"), max_length=300, blank=True)
    result = models.FileField(_("Datei"), upload_to=result_path, max_length=300, blank=True)
    file_name = models.CharField(_("Dateiname"), max_length=200, blank=True)
    content_type = models.CharField(_("Dateityp"), max_length=120, blank=True)
    source = models.FileField(_("hochgeladene Datei"), upload_to=source_path, max_length=300, blank=True)
    options = models.JSONField(_("Einstellungen"), default=dict, blank=True)
    report = models.JSONField(_("Ergebnis"), default=dict, blank=True)  # an import's counts or its row errors
    error = models.TextField(_("Fehler"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    created_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)

    # No page or kept value shows jobs: their state changes must not move the generations (core.freshness),
    # which would empty the visitor page cache whenever a file is ready.
    freshness_watched = False

    class Meta:
        verbose_name = _("Auftrag")
        verbose_name_plural = _("Aufträge")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "-created_at"]), models.Index(fields=["finished_at"])]

    def __str__(self):
        return f"{self.object_label} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED
