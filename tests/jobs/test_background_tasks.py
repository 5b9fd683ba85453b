"""The other tasks of the queue (ADR 0026), in the embedded default: peer statistics counted once per submission
however often the task is delivered, the funding-gap warm-up sent once after a burst of changes, and the
network dashboards warmed so that a coordinator reads them kept."""

import json

import pytest
from celery import shared_task
from django.core.cache import caches
from django.db.models import Sum
from kombu.exceptions import EncodeError

from smartregion.assessments import tasks as assessment_tasks
from smartregion.assessments import warmups
from smartregion.assessments.models import Assessment, PeerStatistic
from smartregion.core import queue
from smartregion.matching import tasks as matching_tasks

from ..assessments.conftest import editor, submitted  # noqa: F401
from .broker import REWARM_BROKER, sending_to

pytestmark = pytest.mark.django_db


def _counted() -> int:
    return PeerStatistic.objects.filter(metric="gesamt").aggregate(total=Sum("count"))["total"] or 0


def test_a_submission_is_counted_in_the_peer_statistics_once(jena, editor):  # noqa: F811
    assessment = submitted(jena, by=editor)
    counted = _counted()
    assert counted > 0  # submitting ran the task in the process (no broker)
    assert Assessment.objects.get(pk=assessment.pk).peers_counted_at == assessment.submitted_at
    assert assessment_tasks.count_in_peer_statistics.apply(args=[assessment.pk]).get() is False  # delivered again
    assert _counted() == counted


def test_the_nightly_run_marks_every_submission_counted(jena, editor):  # noqa: F811
    assessment = submitted(jena, by=editor)
    counted = _counted()
    Assessment.objects.filter(pk=assessment.pk).update(peers_counted_at=None)
    assessment_tasks.recompute_peer_statistics.apply().get()
    assert _counted() == counted
    assert assessment_tasks.count_in_peer_statistics.apply(args=[assessment.pk]).get() is False


def test_without_a_broker_no_warm_up_is_sent(settings):
    caches["default"].delete(f"rewarm:{matching_tasks.WARM_FUNDING_GAPS}")
    queue.changed({"needs.need"})
    assert caches["default"].get(f"rewarm:{matching_tasks.WARM_FUNDING_GAPS}") is None


def test_with_a_broker_a_burst_of_changes_sends_one_warm_up(settings):
    caches["default"].delete(f"rewarm:{matching_tasks.WARM_FUNDING_GAPS}")
    with sending_to(REWARM_BROKER, settings) as redis:
        queue.changed({"needs.need", "*"})
        queue.changed({"assessments.answer"})  # the same burst
        queue.changed({"glossary.term"})  # not something the analysis shows
        sent = [json.loads(message) for message in redis.lrange("celery", 0, -1)]
        assert [message["headers"]["task"] for message in sent] == [matching_tasks.WARM_FUNDING_GAPS]
        assert sent[0]["headers"]["eta"] is not None  # to run REWARM_DELAY_SECONDS later
        queue.rewarm_started(matching_tasks.WARM_FUNDING_GAPS)  # the task has begun: later changes send again
        queue.changed({"needs.need"})
        assert redis.llen("celery") == 2


def test_a_change_to_an_assessment_sends_the_dashboard_warm_up(settings):
    caches["default"].delete(f"rewarm:{warmups.WARM_DASHBOARDS}")
    with sending_to(REWARM_BROKER, settings) as redis:
        queue.changed({"glossary.term"})  # not something a dashboard shows
        assert redis.llen("celery") == 0
        queue.changed({"assessments.assessment"})
        sent = [json.loads(message)["headers"]["task"] for message in redis.lrange("celery", 0, -1)]
        assert warmups.WARM_DASHBOARDS in sent


def test_the_dashboard_warm_up_builds_the_page_a_coordinator_then_reads(jena, editor):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from smartregion.assessments import dashboard
    from smartregion.network import services as network_services

    network = network_services.create_network(name="Netz", slug="netz", by=editor)
    network_services.add_member(network, jena, by=editor)
    submitted(jena, by=editor)
    assert warmups.warm_dashboards.apply().get() == 1
    with CaptureQueriesContext(connection) as read:
        page = dashboard.page(network)
    assert page.cycle is not None and "Jena" in page.body
    assert not [query for query in read.captured_queries if "assessments_assessment" in query["sql"]]  # kept


def test_every_scheduled_job_is_a_task_the_worker_knows(settings):
    from smartregion import celery_app

    celery_app.loader.import_default_modules()  # what `celery -A smartregion beat|worker` imports
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {
        "smartregion.assessments.tasks.recompute_peer_statistics",
        "smartregion.matching.tasks.warm_funding_gaps",
        "smartregion.jobs.tasks.delete_old_jobs",
        "smartregion.jobs.tasks.clear_expired_sessions",
        "smartregion.notifications.tasks.deliver_pending_mail",
        "smartregion.notifications.tasks.send_due_notifications",
        "smartregion.core.tasks.accessibility_reminders",
        "smartregion.opendata.tasks.store_full_dcat_catalogue",
        "smartregion.projects.tasks.store_project_catalogue_files",
    }
    assert scheduled <= set(celery_app.tasks)
    celery_app.tasks["smartregion.jobs.tasks.clear_expired_sessions"].apply().get()  # runs as beat would
    assert celery_app.tasks["smartregion.matching.tasks.warm_funding_gaps"].apply().get() == 0  # no networks


def test_the_deployment_check_refuses_eager_tasks_beside_a_broker(settings):
    from smartregion.jobs.checks import eager_beside_a_broker

    settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER = "redis://127.0.0.1:6379/3", True
    assert [warning.id for warning in eager_beside_a_broker(None)] == ["jobs.W001"]
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert eager_beside_a_broker(None) == []
    settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER = "", True  # the embedded default
    assert eager_beside_a_broker(None) == []


received: list = []


@shared_task
def remember(value) -> None:
    received.append(value)


def test_with_a_broker_named_an_eager_task_makes_the_round_trip_through_its_serializer(settings):
    """make test-production names a broker and keeps tasks eager (ADR 0026, addendum): enqueue goes through
    apply_async, so what reaches the task is what a worker would receive, and what no worker could receive fails."""
    settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER = "redis://127.0.0.1:6379/15", True
    received.clear()
    queue.enqueue(remember, ("a", 1))
    assert received == [["a", 1]]  # JSON: the tuple arrives as a list
    with pytest.raises(EncodeError):
        queue.enqueue(remember, object())
    assert received == [["a", 1]]

    settings.CELERY_BROKER_URL = ""  # the embedded default: the task gets the object itself
    queue.enqueue(remember, ("a", 1))
    assert received == [["a", 1], ("a", 1)]
