"""The pages cache: process memory in front of the shared (database) cache."""

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartregion.core import layeredcache
from smartregion.core.layeredcache import LayeredCache

from ..querycounts import SHARED_CACHE_READ

pytestmark = pytest.mark.django_db


class BrokenCache(BaseCache):
    """A shared cache whose server is away."""

    def get(self, key, default=None, version=None):
        raise ConnectionError("cache server away")

    def set(self, key, value, timeout=None, version=None):
        raise ConnectionError("cache server away")

    def delete(self, key, version=None):
        raise ConnectionError("cache server away")

    def clear(self):
        raise ConnectionError("cache server away")


def worker(name: str, shared: str = "default") -> LayeredCache:
    return LayeredCache(name, {"TIMEOUT": 60, "OPTIONS": {"SHARED": shared}})


def test_a_page_kept_by_one_worker_is_read_by_another_and_then_kept_in_its_memory():
    first, second = worker("first"), worker("second")
    first.set("page:1", b"<html>kept</html>", 60)
    assert not second._local.has_key("page:1")

    with CaptureQueriesContext(connection) as from_shared:
        assert second.get("page:1") == b"<html>kept</html>"
    assert second._local.has_key("page:1")
    with CaptureQueriesContext(connection) as from_memory:
        assert second.get("page:1") == b"<html>kept</html>"

    assert len(from_shared) == SHARED_CACHE_READ  # one read of the database cache (none with Redis)
    assert len(from_memory) == 0


def test_the_other_worker_keeps_it_only_as_long_as_the_shared_copy_has_left(monkeypatch):
    first, second = worker("first"), worker("second")
    first.set("page:2", "value", 60)
    clock = layeredcache.time.time()
    monkeypatch.setattr(layeredcache.time, "time", lambda: clock + 61)
    assert second.get("page:2", "gone") == "gone"  # expired by the time written with it


def test_a_miss_everywhere_is_the_default():
    assert worker("first").get("page:missing", "default") == "default"
    assert not worker("first").has_key("page:missing")


def test_add_sees_the_shared_copy_and_delete_reaches_the_shared_cache():
    first, second = worker("first"), worker("second")
    assert first.add("page:3", "one", 60)
    assert not second.add("page:3", "two", 60)  # already in the shared cache
    first.delete("page:3")
    assert first.get("page:3") is None
    assert worker("third").get("page:3") is None
    # `second` read it into its own memory and keeps it until it expires: which is why the kept
    # dashboards and panels change their keys (versions) instead of deleting.
    assert second.get("page:3") == "one"


def test_a_failing_shared_cache_is_a_miss_and_pages_are_still_kept_in_memory(settings, caplog):
    settings.CACHES = {**settings.CACHES, "broken": {"BACKEND": "tests.core.test_layeredcache.BrokenCache"}}
    cache = worker("alone", shared="broken")

    assert cache.get("page:4", "miss") == "miss"
    cache.set("page:4", "rendered", 60)  # no exception reaches the page

    assert cache.get("page:4") == "rendered"
    assert "shared cache unavailable" in caplog.text
