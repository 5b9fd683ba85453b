"""A cache backend: a per-process memory cache in front of a shared cache.

The `pages` cache (core.pagecache, the network dashboard and member panels) is read on every
visitor request, so its hits must cost no more than a dictionary lookup; but with one memory cache
per worker every worker renders every page once more (four workers, four first renders of each
project page). This backend answers from process memory first and otherwise from the shared cache
(`SHARED`, the database cache by default), and keeps what it finds there in memory for the time the
shared copy has left. A page rendered by one worker is therefore read, not rendered, by the others.

A delete reaches this process and the shared cache, not other processes' memory: what changes is
kept under a new key (a version in the key), never deleted in place.

The shared cache is an optimisation only: when it fails (database away), a read is a miss and a write
is skipped, logged, and the page is rendered as without cache.
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

_MISSING = object()


class LayeredCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._shared_alias = options.get("SHARED", "default")
        self._local = LocMemCache(
            location or "layered", {"TIMEOUT": self.default_timeout, "OPTIONS": {"MAX_ENTRIES": self._max_entries}}
        )

    @property
    def shared(self) -> BaseCache:
        """The cache all workers share (for what must not be answered from one process's memory: locks)."""
        return caches[self._shared_alias]

    def get(self, key, default=None, version=None):
        value = self._local.get(key, _MISSING, version=version)
        if value is not _MISSING:
            return value
        try:
            held = self.shared.get(self.make_key(key, version), None)
        except Exception:  # the shared cache is an optimisation: a failure is a miss
            logger.warning("shared cache unavailable for a read", exc_info=True)
            return default
        if held is None:
            return default
        expires, value = held
        remaining = None if expires is None else expires - time.time()
        if remaining is not None and remaining <= 0:
            return default
        self._local.set(key, value, remaining, version=version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        seconds = self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout
        self._local.set(key, value, seconds, version=version)
        expires = None if seconds is None else time.time() + seconds
        try:
            self.shared.set(self.make_key(key, version), (expires, value), seconds)
        except Exception:
            logger.warning("shared cache unavailable for a write", exc_info=True)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version=version):  # BaseCache.has_key: a get, both layers
            return False
        self.set(key, value, timeout, version=version)
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, _MISSING, version=version)
        if value is _MISSING:
            return False
        self.set(key, value, timeout, version=version)
        return True

    def delete(self, key, version=None):
        deleted = self._local.delete(key, version=version)
        try:
            deleted = self.shared.delete(self.make_key(key, version)) or deleted
        except Exception:
            logger.warning("shared cache unavailable for a delete", exc_info=True)
        return deleted

    def clear(self):
        """Empties this process's memory and the shared cache (all of it: it is the shared cache's
        own `clear`)."""
        self._local.clear()
        self.shared.clear()
