"""Cache keys. What is kept and how it stays fresh: core.freshness (ADR 0023)."""

import hashlib


def cache_key(prefix: str, *parts) -> str:
    """A short, safe cache key for any parts with a stable repr (memcached and Redis limit keys)."""
    return f"{prefix}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


# --- Until assessments/dashboard.py moves to core.freshness (issue 23); nothing else may use these. ---


def table_version(queryset, *latest: str) -> tuple:
    from django.db.models import Count, Max

    maxima = {f"latest_{number}": Max(column) for number, column in enumerate(latest or ("updated_at",))}
    return tuple(queryset.aggregate(row_count=Count("pk"), **maxima).values())


def kept(name: str, parts: tuple, version, seconds: int, compute):
    from django.conf import settings
    from django.core.cache import caches
    from django.utils.translation import get_language

    if settings.PAGE_CACHE_SECONDS <= 0 or seconds <= 0:
        return compute()
    cache, key = caches["pages"], cache_key(name, *parts, get_language(), version())
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
