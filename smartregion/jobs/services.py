"""Writing jobs: create, run (idempotent), fail, delete old ones (ADR 0026).

A file job builds outside any transaction and stores its file under the job's row lock. An import job runs
the import inside the transaction that holds the job's row lock and marks the job done: the import and the
job's state commit together, so a second delivery (acknowledged late, a worker that died) either waits for
the lock and finds the job done, or finds it unfinished with nothing of the import written.
"""

import logging
from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartregion.core.csvio import ImportRejected
from smartregion.core.queue import is_queued

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


def create_import_job(*, kind: registry.ImportKind, obj, by, upload, options: dict) -> Job:
    """The uploaded file goes to the shared storage (S3 with more than one node): the worker reads it there."""
    label = f"{upload.name} ({obj})" if obj is not None else upload.name
    job = Job(
        kind=kind.name,
        object_id=str(obj.pk) if obj is not None else "",
        object_label=label[:300],
        requested_by=by,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        options={**options, "file_name": upload.name},
        progress=_("Wartet auf einen freien Platz in der Warteschlange."),
    )
    upload.seek(0)
    job.source.save(upload.name, upload, save=False)
    job.save()
    return job


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
    if isinstance(kind, registry.ImportKind):
        return _run_import(job_id, kind)
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


def _report(counts) -> dict:
    return {name: getattr(counts, name, 0) for name in ("created", "updated", "unchanged")}


def _run_import(job_id, kind: registry.ImportKind) -> bool:
    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("requested_by").get(pk=job_id)
        if job.state in FINISHED:
            return False
        with translation.override(job.language):
            obj = kind.load(job.object_id)
            kind.check(job.requested_by, obj)  # the person may have lost the right since uploading
            with job.source.open("rb") as source:
                content = source.read()
            try:
                with transaction.atomic():  # a refused file leaves nothing, whatever the importer began
                    counts = kind.apply(obj, job.requested_by, content, job.options["file_name"], job.options)
            except ImportRejected as rejected:
                # line, column, message apart (JSON): the page says "Zeile" in the reader's language
                job.report = {"errors": [asdict(error) for error in rejected.errors]}
                job.progress = _("Die Datei wurde geprüft: nichts wurde gespeichert.")
            else:
                job.report = _report(counts)
                job.progress = _("Die Datei ist importiert.")
        job.state = JobState.DONE
        job.error = ""
        job.finished_at = timezone.now()
        job.save()
        _after_commit(job_id)
    return True


def _after_commit(job_id) -> None:
    if is_queued():
        # A worker that dies before the commit leaves the job to the next delivery, which reads the file again.
        transaction.on_commit(lambda: _drop_source(job_id))
    else:
        _drop_source(job_id)  # imported in the asking process: nothing delivers it again


def _drop_source(job_id) -> None:
    """The uploaded file is not kept once read: the import's rows, or its report, are what remains."""
    job = Job.objects.filter(pk=job_id).first()
    if job is not None and job.source:
        job.source.delete(save=False)
        Job.objects.filter(pk=job_id).update(source="")


def fail_job(job_id, *, reason: str) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state in FINISHED:
            return
        job.state = JobState.FAILED
        if isinstance(registry.get(job.kind), registry.ImportKind):
            job.progress = _("Die Datei konnte nicht importiert werden.")
        else:
            job.progress = _("Die Datei konnte nicht erstellt werden.")
        job.error = reason[:2000]
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "progress", "error", "finished_at"])
        _after_commit(job_id)


def delete_old_jobs(*, days: int) -> int:
    """Deletes jobs asked for more than `days` ago, with their files."""
    old = list(Job.objects.filter(created_at__lt=timezone.now() - timedelta(days=days)))
    for job in old:
        for stored in (job.result, job.source):
            if stored:
                stored.delete(save=False)
        job.delete()
    return len(old)
