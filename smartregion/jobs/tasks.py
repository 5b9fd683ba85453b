"""The job task and the scheduled housekeeping (ADR 0026)."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.management import call_command
from django.http import Http404

from smartregion.core.queue import enqueue

from . import registry, services
from .models import Job

logger = logging.getLogger(__name__)

# Refusals and vanished objects are final; anything else (database, storage, a worker's memory) is tried again.
FINAL = (ObjectDoesNotExist, PermissionDenied, Http404)


def start_job(*, kind: registry.Kind, obj, by) -> Job:
    """Asks for the file: the worker builds it (with a broker), or it is built now (embedded default)."""
    return _send(services.create_job(kind=kind, obj=obj, by=by))


def start_import(*, kind: registry.ImportKind, obj, by, upload, options: dict | None = None) -> Job:
    """Hands the uploaded file to the queue: a worker imports it (with a broker), or it is imported now."""
    return _send(services.create_import_job(kind=kind, obj=obj, by=by, upload=upload, options=options or {}))


def _send(job: Job) -> Job:
    """The job's task to the worker, or run now; the job as it stands afterwards (done, in the embedded default)."""
    enqueue(run_job, str(job.pk), on_send_error=lambda error: services.fail_job(job.pk, reason=repr(error)))
    job.refresh_from_db()
    return job


@shared_task(bind=True, max_retries=3, retry_backoff=True)
def run_job(self, job_id: str) -> None:
    try:
        services.run_job(job_id)
    except FINAL as refusal:
        services.fail_job(job_id, reason=repr(refusal))
    except Exception as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.exception("job %s failed", job_id)
            services.fail_job(job_id, reason=repr(error))
            return
        # 10 s, 20 s, 40 s: a database or storage that is back after a restart
        raise self.retry(exc=error, countdown=10 * 2**self.request.retries) from error


@shared_task
def delete_old_jobs() -> int:
    return services.delete_old_jobs(days=settings.JOBS_KEEP_DAYS)


@shared_task
def clear_expired_sessions() -> None:
    call_command("clearsessions")
