"""Pointing this test process's Celery app at a real Redis broker for one test (and back)."""

import contextlib
import os

import pytest


def redis_or_skip(url: str):
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except Exception as error:  # noqa: BLE001 - any reason the broker cannot be reached
        pytest.skip(f"no Redis at {url} for the broker: {error}")
    return client


def _drop_connections(app) -> None:
    """Connections and producers are pooled per broker address (kombu keeps producer pools globally)."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def sending_to(url: str, settings):
    """Tasks are sent to `url` (its database emptied before and after) instead of running in the process."""
    from smartregion import celery_app

    client = redis_or_skip(url)
    client.flushdb()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url=url)
    _drop_connections(celery_app)
    try:
        yield client
    finally:
        celery_app.conf.update(saved)
        _drop_connections(celery_app)
        client.flushdb()


WORKER_BROKER = os.environ.get("QUEUE_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
BROWSER_BROKER = os.environ.get("QUEUE_BROWSER_REDIS_URL", "redis://127.0.0.1:6379/5")
REWARM_BROKER = os.environ.get("QUEUE_REWARM_REDIS_URL", "redis://127.0.0.1:6379/6")
