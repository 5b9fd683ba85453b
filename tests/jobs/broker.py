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


# Every key this test process keeps in the broker starts with this (xdist workers share the Redis database).
KEY_PREFIX = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}:"


class Keys:
    """The broker's Redis, read through this process's key prefix."""

    def __init__(self, client):
        self.client = client

    def llen(self, name: str) -> int:
        return self.client.llen(KEY_PREFIX + name)

    def hlen(self, name: str) -> int:
        return self.client.hlen(KEY_PREFIX + name)

    def lrange(self, name: str, start: int, end: int) -> list:
        return self.client.lrange(KEY_PREFIX + name, start, end)

    def clear(self) -> None:
        for key in self.client.scan_iter(match=f"{KEY_PREFIX}*"):
            self.client.delete(key)


@contextlib.contextmanager
def sending_to(url: str, settings):
    """Tasks are sent to `url` (under KEY_PREFIX, emptied before and after) instead of running in the process."""
    from smartregion import celery_app

    keys = Keys(redis_or_skip(url))
    keys.clear()
    # The Celery app reads the Django settings (the `settings` fixture puts them back after the test).
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    # Celery's `broker_url` prefers the environment variable to the settings (make test-production sets it).
    environment_url = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = url
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "global_keyprefix": KEY_PREFIX,
    }
    _drop_connections(celery_app)
    try:
        yield keys
    finally:
        if environment_url is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = environment_url
        _drop_connections(celery_app)
        keys.clear()


WORKER_BROKER = os.environ.get("QUEUE_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
BROWSER_BROKER = os.environ.get("QUEUE_BROWSER_REDIS_URL", "redis://127.0.0.1:6379/5")
REWARM_BROKER = os.environ.get("QUEUE_REWARM_REDIS_URL", "redis://127.0.0.1:6379/6")
