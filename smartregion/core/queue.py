"""Handing work to the task queue (Celery, ADR 0026) — or doing it now when there is none.

`enqueue(task, *args)` is how domain code asks for a task after its write: with a broker
(CELERY_BROKER_URL) the task is sent once the transaction has committed (the worker must see the rows);
without one (the embedded default) it runs at once, in the caller's transaction, exactly as the code did
before the queue existed. With a broker and CELERY_TASK_ALWAYS_EAGER (`make test-production`) it runs at once
too, through Celery's apply_async.
"""

import logging

from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)


def is_queued() -> bool:
    """True when tasks go to a worker through a broker; False when they run in the asking process."""
    return not settings.CELERY_TASK_ALWAYS_EAGER


def enqueue(task, *args, on_send_error=None) -> None:
    """`on_send_error(error)` is called when the broker cannot take the task (it is logged in any case)."""
    if not is_queued():
        if settings.CELERY_BROKER_URL:
            # A broker named but tasks eager (`make test-production`): through apply_async, as a send to the
            # worker goes, so the arguments make the round trip through the broker's serializer.
            task.apply_async(args=args, throw=True)
        else:
            task.apply(args=args, throw=True)
        return

    def send():
        try:
            task.delay(*args)
        except Exception as error:
            logger.error("task %s could not be sent to the broker", task.name, exc_info=True)
            if on_send_error is not None:
                on_send_error(error)

    transaction.on_commit(send)


# --- warming kept values after the changes they depend on ----------------------------------------------

REWARM_DELAY_SECONDS = 30
_rewarm: list[tuple[frozenset, str]] = []


def rewarm_after(labels, task_name: str) -> None:
    """Sends the task `task_name` (a warm-up of a kept value, core.freshness) after changes of these models
    ("app_label.model"), at most once per REWARM_DELAY_SECONDS: a burst of writes (an import) warms once,
    after it. Only with a broker: the embedded default builds kept values on their first read, as always."""
    _rewarm.append((frozenset(labels), task_name))


def _flag(task_name: str) -> str:
    return f"rewarm:{task_name}"


def changed(labels) -> None:
    """Called by core.freshness when the generations of these models have moved (after commit)."""
    if not _rewarm or not is_queued():
        return
    labels = set(labels)
    for watched, task_name in _rewarm:
        if watched & labels and caches["default"].add(_flag(task_name), 1, REWARM_DELAY_SECONDS * 10):
            try:
                current_app.send_task(task_name, countdown=REWARM_DELAY_SECONDS)
            except Exception:
                caches["default"].delete(_flag(task_name))
                logger.error("warm-up %s could not be queued: the first read builds it", task_name, exc_info=True)


def rewarm_started(task_name: str) -> None:
    """The warm-up task calls this first: changes from now on send it again."""
    caches["default"].delete(_flag(task_name))
