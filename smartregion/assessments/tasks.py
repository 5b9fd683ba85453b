"""Peer statistics on the task queue (ADR 0026): one submission counted once, and the nightly full run."""

from celery import shared_task
from django.db import transaction
from django.db.models import F

from smartregion.core.freshness import bulk_written

from . import peers
from .enums import AssessmentStatus
from .models import Assessment


@shared_task(bind=True, max_retries=3, retry_backoff=True)
def count_in_peer_statistics(self, assessment_id: int) -> bool:
    """Adds a submitted assessment's scores to its groups' statistics, once: True if this call counted it.

    The row lock and the mark `peers_counted_at` commit with the statistics, so a second delivery of the
    task (acknowledged late, after a worker died) finds the submission counted and does nothing."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().filter(pk=assessment_id, status=AssessmentStatus.SUBMITTED)
        assessment = locked.first()
        if assessment is None or assessment.peers_counted_at == assessment.submitted_at:
            return False
        peers.recompute_for(Assessment.objects.select_related("territory").get(pk=assessment_id))
        Assessment.objects.filter(pk=assessment_id).update(peers_counted_at=assessment.submitted_at)
        bulk_written(Assessment)
    return True


@shared_task
def recompute_peer_statistics() -> int:
    """Everything again (nightly from celery beat): repairs the statistics after deletions and reopenings."""
    with transaction.atomic():
        rows = peers.recompute()
        Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).exclude(submitted_at=None).update(
            peers_counted_at=F("submitted_at")
        )
        bulk_written(Assessment)
    return rows
