"""The networks' dashboards built ahead on the task queue (ADR 0026), above the dashboard in this app's layers
(the peer-statistics tasks sit below the services that send them): after a change to what a dashboard shows, the
worker renders it, so that a coordinator reads it kept instead of waiting for the build (3.3 s for 605 members)."""

from celery import shared_task

from smartregion.core.queue import rewarm_after, rewarm_started

from . import dashboard

WARM_DASHBOARDS = "smartregion.assessments.warmups.warm_dashboards"


@shared_task(name=WARM_DASHBOARDS)
def warm_dashboards() -> int:
    rewarm_started(WARM_DASHBOARDS)
    return dashboard.warm()


def rewarm_dashboards_after_changes() -> None:
    rewarm_after(dashboard.kept_labels(), WARM_DASHBOARDS)
