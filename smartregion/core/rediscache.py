"""The Redis cache backend: Django's, made safe for a shared server that may restart (ADR 0025).

`CACHE_URL=redis://…` (or `THROTTLE_CACHE_URL`) selects this backend (settings.py). It is Django's
RedisCache with four changes:

- **A failing Redis never fails a request.** `ON_ERROR` says what an operation does when Redis does not
  answer: `"miss"` (the shared cache: a read is a miss, a write is skipped and logged; `set_many` returns
  its keys as not stored, as Django's contract says) or `"local"` (the limit counters: they go on in this
  process's memory, so every limit still holds, per worker, until Redis answers again). After a failure
  the backend leaves Redis alone for `RETRY_AFTER` seconds (each command would otherwise wait for its
  connect timeout) and then tries again.
- **An epoch per server start.** When a connection is made, the server's `run_id` (new at every start of
  redis-server, and different on a replica) is read; `epoch` is part of every generation of
  `core.freshness`. A Redis restored from a snapshot brings back old generations *and* the values kept
  under them, which would be served as current; with the epoch in the key they are never reached.
- **`incr` is one atomic step** (a script): Django's checks that the key exists and then increments, and a
  key expiring in between came back as a counter without expiry.
- **`clear` empties only this cache's keys** (its `KEY_PREFIX`), not the whole Redis database: the shared
  cache, the limit counters and the sessions may share one database, and so may test workers.
"""

import logging
import re
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

_INCR_IF_PRESENT = """
if redis.call('exists', KEYS[1]) == 1 then return redis.call('incrby', KEYS[1], ARGV[1]) end
return false
"""
_RUN_ID = re.compile(rb"^run_id:([0-9a-f]+)", re.MULTILINE)

# Connection settings unless OPTIONS say otherwise: a loopback or LAN server answers in milliseconds, so a
# server that does not is treated as away rather than waited for. One immediate retry on a broken
# connection: the first command after a restart of the server finds its pooled connection closed.
CONNECTION_DEFAULTS = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 1.0,
    "health_check_interval": 30,
}


class _Client(RedisCacheClient):
    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        value = client.eval(_INCR_IF_PRESENT, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def clear_prefix(self, pattern: str) -> int:
        client = self.get_client(None, write=True)
        deleted = 0
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                deleted += client.delete(*batch)
                batch = []
        if batch:
            deleted += client.delete(*batch)
        return deleted


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.on_error = options.pop("ON_ERROR", "miss")
        if self.on_error not in ("miss", "local"):
            raise ValueError(f"ON_ERROR must be 'miss' or 'local', not {self.on_error!r}")
        self.retry_after = float(options.pop("RETRY_AFTER", 2.0))
        for name, value in CONNECTION_DEFAULTS.items():
            options.setdefault(name, value)
        options.setdefault("retry", Retry(NoBackoff(), 1))
        options.setdefault("retry_on_error", [RedisConnectionError, RedisTimeoutError])
        options["redis_connect_func"] = self._connected
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _Client
        self.epoch = ""
        self._down_until = 0.0
        self._local = None
        self._local_lock = threading.Lock()

    # --- the epoch -----------------------------------------------------------------------------

    def _connected(self, connection) -> None:
        """redis-py's hook after a connection is made: the usual handshake, then the server's run_id."""
        connection.on_connect()
        connection.send_command("INFO", "server")
        info = connection.read_response()
        found = _RUN_ID.search(info if isinstance(info, bytes) else str(info).encode())
        run_id = found.group(1).decode() if found else ""
        if run_id != self.epoch:
            if self.epoch:
                logger.warning("redis server %s started anew: kept values are rebuilt", self._servers[0])
            self.epoch = run_id

    # --- failing softly ------------------------------------------------------------------------

    @property
    def local(self) -> LocMemCache:
        """Process memory standing in for Redis while it is away (ON_ERROR="local")."""
        with self._local_lock:
            if self._local is None:
                self._local = LocMemCache(f"redis-fallback-{id(self)}", {"TIMEOUT": self.default_timeout})
            return self._local

    def _call(self, name: str, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return self._fall_back(name, fallback, args, kwargs)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError:
            self._down_until = time.monotonic() + self.retry_after
            logger.warning("redis unavailable (%s): %s", name, self.on_error, exc_info=True)
            return self._fall_back(name, fallback, args, kwargs)

    def _fall_back(self, name: str, fallback, args, kwargs):
        if self.on_error == "local":
            return getattr(self.local, name)(*args, **kwargs)
        return fallback(*args, **kwargs) if callable(fallback) else fallback

    def get(self, key, default=None, version=None):
        return self._call("get", lambda *a, **k: default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda *a, **k: list(data), data, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Away: not added. A lock that cannot be recorded is not taken (its holder would not be known
        # to anybody else).
        return self._call("add", False, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        def missing(*args, **kwargs):
            raise ValueError(f"Key '{key}' not found.")

        return self._call("incr", missing, key, delta, version=version)

    def clear(self):
        """Deletes the keys of this cache's KEY_PREFIX (all keys when it has none). Raises when Redis is
        away: a clear that did not happen must not look as if it did."""
        if self.on_error == "local" and self._local is not None:
            self._local.clear()
        if not self.key_prefix:
            return bool(self._cache.clear())
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        return bool(self._cache.clear_prefix(pattern))
