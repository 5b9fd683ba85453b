"""The funding-gap analysis warmed on the task queue (ADR 0026): a network of 600 members takes seconds to
analyse cold (13.7 s measured in issue 22); the worker builds it after the changes it depends on, so the
coordinator's first view reads it kept."""

from celery import shared_task
from django.utils import timezone

from smartregion.core.queue import rewarm_after, rewarm_started

from . import funding_gaps

WARM_FUNDING_GAPS = "smartregion.matching.tasks.warm_funding_gaps"


@shared_task
def warm_funding_gaps() -> int:
    rewarm_started(WARM_FUNDING_GAPS)
    return funding_gaps.warm(timezone.localdate())


def rewarm_funding_gaps_after_changes() -> None:
    rewarm_after(funding_gaps.kept_labels(), WARM_FUNDING_GAPS)
