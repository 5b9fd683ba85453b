"""Counting events in fixed time windows, shared by all workers and servers (ADR 0019).

A limit counts in the `throttle` cache: by default its own table in the database (the counters are
shared by every process that uses the database), Redis when `CACHE_URL` or `THROTTLE_CACHE_URL` names
it. A window is fixed to the clock (minute, quarter hour, hour …) and its number is part of the key,
so a new window starts at zero by itself and the time left is known without asking the cache. Up to
twice the allowance fits around a window's end; that is accepted for a counter that costs two short
statements per event on the database (`make bench-limits`) and one command on Redis.

Keys carry no addresses or e-mail addresses in clear: `key()` turns the parts into a keyed hash.
"""

import math
import time

from django.core.cache import caches
from django.utils.crypto import salted_hmac

CACHE_ALIAS = "throttle"


def key(scope: str, *parts) -> str:
    """A cache key for one counted thing: the scope in clear, the identifying parts as a keyed hash."""
    digest = salted_hmac("smartregion.core.limits", "\x1f".join(str(part) for part in parts)).hexdigest()
    return f"{scope}:{digest[:40]}"


def _window_key(name: str, window: int, now: float) -> str:
    return f"{name}:{window}:{int(now // window)}"


def seconds_left(window: int, *, now: float | None = None) -> int:
    """Seconds until the current window of `window` seconds ends (at least 1)."""
    now = time.time() if now is None else now
    return max(1, math.ceil(window - now % window))


def minutes_left(window: int, *, now: float | None = None) -> int:
    return max(1, math.ceil(seconds_left(window, now=now) / 60))


def count(name: str, *, window: int, now: float | None = None) -> int:
    """Count one event for `name` in the current window; the number of events so far, this one included."""
    now = time.time() if now is None else now
    cache = caches[CACHE_ALIAS]
    window_key = _window_key(name, window, now)
    try:
        return cache.incr(window_key)
    except ValueError:
        pass
    # A new window. The counter lives one second past the window's end, then it is garbage.
    if cache.add(window_key, 1, timeout=seconds_left(window, now=now) + 1):
        return 1
    return cache.incr(window_key)  # another process started the window a moment ago


def counted(name: str, *, window: int, now: float | None = None) -> int:
    """The events counted for `name` in the current window, without counting one."""
    now = time.time() if now is None else now
    return caches[CACHE_ALIAS].get(_window_key(name, window, now), 0)


def counted_many(names: list[str], *, window: int, now: float | None = None) -> list[int]:
    """`counted` for several names in one read."""
    now = time.time() if now is None else now
    keys = [_window_key(name, window, now) for name in names]
    found = caches[CACHE_ALIAS].get_many(keys)
    return [found.get(window_key, 0) for window_key in keys]


def forget(name: str, *, window: int, now: float | None = None) -> None:
    """Start the current window of `name` from zero again."""
    now = time.time() if now is None else now
    caches[CACHE_ALIAS].delete(_window_key(name, window, now))
