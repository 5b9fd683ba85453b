"""Small reference data held per process and rebuilt when the database says it changed.

Every worker keeps its own copy; a cheap version query (row count and latest change), asked once
per request, keeps the copies correct without a cache server.
"""

import hashlib
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db.models import Count, Max
from django.utils.translation import get_language


def table_version(queryset, *latest: str) -> tuple:
    """(row count, latest value of each `latest` column, "updated_at" if none is named): changes with
    every insert, delete and saved edit. Columns may cross relations (`territory__updated_at`)."""
    maxima = {f"latest_{number}": Max(column) for number, column in enumerate(latest or ("updated_at",))}
    return tuple(queryset.aggregate(row_count=Count("pk"), **maxima).values())


# Versions already asked for in the request this thread is serving: a value read several times in
# one request (the programme catalogue by the matching form and by the engine, the glossary for each
# piece of a guide) asks the database once. Outside a request (commands, shells) every read asks.
_request = threading.local()


def _request_started(**kwargs) -> None:
    _request.versions = {}


def _request_finished(**kwargs) -> None:
    _request.versions = None


request_started.connect(_request_started, dispatch_uid="versioned-value-request-started")
request_finished.connect(_request_finished, dispatch_uid="versioned-value-request-finished")


class VersionedValue:
    def __init__(self, version: Callable[[], tuple], build: Callable[[], object]):
        self._version = version
        self._build = build
        self._held: tuple | None = None  # (version, value), replaced in one assignment

    def get(self):
        asked = getattr(_request, "versions", None)
        if asked is None:
            version = self._version()
        elif self in asked:
            version = asked[self]
        else:
            version = asked[self] = self._version()
        held = self._held
        if held is None or held[0] != version:
            held = (version, self._build())
            self._held = held
        return held[1]


def cache_key(prefix: str, *parts) -> str:
    """A short, safe cache key for any parts with a stable repr (memcached and Redis limit keys)."""
    return f"{prefix}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def kept(name: str, parts: tuple, version: Callable[[], tuple], seconds: int, compute: Callable[[], object]):
    """A part of a page that every viewer sees alike (a network's dashboard, its overview), kept in
    the `pages` cache per language under a key that holds `version()`: a change is a new key, so it
    shows at once in every worker. With the page cache off (tests) nothing is kept and `version` is
    not asked either."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    return held("pages", cache_key(name, *parts, get_language(), version()), seconds, compute)


def held(cache_name: str, key: str, seconds: int, compute: Callable[[], object]):
    """The value under `key` in the named cache, computed and kept for `seconds` when missing;
    with `seconds` 0 (tests, or switched off) it is always computed."""
    if seconds <= 0:
        return compute()
    cache = caches[cache_name]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
