"""Writing jobs: create, run (idempotent), fail, delete old ones (ADR 0026)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import registry
from .enums import FINISHED, JobState
from .models import Job

logger = logging.getLogger(__name__)


def create_job(*, kind: registry.Kind, obj, by) -> Job:
    return Job.objects.create(
        kind=kind.name,
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        requested_by=by,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        progress=_("Wartet auf einen freien Platz in der Warteschlange."),
    )


def _claim(job_id) -> Job | None:
    """Marks the job as running, or None if it has finished already (a second delivery of its task)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("requested_by").filter(pk=job_id).first()
        if job is None or job.state in FINISHED:
            return None
        job.state = JobState.RUNNING
        job.attempts += 1
        job.started_at = timezone.now()
        job.progress = _("Die Datei wird erstellt.")
        job.save(update_fields=["state", "attempts", "started_at", "progress"])
        return job


def run_job(job_id) -> bool:
    """Builds the job's file and stores it, once: True if this call delivered it.

    The task may be delivered more than once (acknowledged late: a worker that died mid-task leaves it to
    another). A delivery after the job has finished does nothing; two deliveries at the same time both
    build, and the second to store finds the job done under the row lock and throws its file away.
    """
    job = _claim(job_id)
    if job is None:
        return False
    kind = registry.get(job.kind)
    with translation.override(job.language):
        obj = kind.load(job.object_id)
        kind.check(job.requested_by, obj)  # the person may have lost the right since asking
        built = kind.build(obj, job.requested_by)
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.state in FINISHED:
            return False
        path = job.result.field.generate_filename(job, built.file_name)
        job.result.storage.delete(path)  # what a killed attempt may have left before its commit
        job.result.save(built.file_name, ContentFile(built.content), save=False)
        job.file_name = built.file_name
        job.content_type = built.content_type
        job.state = JobState.DONE
        job.progress = _("Die Datei ist fertig.")
        job.error = ""
        job.finished_at = timezone.now()
        job.save()
    return True


def fail_job(job_id, *, reason: str) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state in FINISHED:
            return
        job.state = JobState.FAILED
        job.progress = _("Die Datei konnte nicht erstellt werden.")
        job.error = reason[:2000]
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "progress", "error", "finished_at"])


def delete_old_jobs(*, days: int) -> int:
    """Deletes jobs asked for more than `days` ago, with their files."""
    old = list(Job.objects.filter(created_at__lt=timezone.now() - timedelta(days=days)))
    for job in old:
        if job.result:
            job.result.delete(save=False)
        job.delete()
    return len(old)
