"""Cache keys. What is kept and how it stays fresh: core.freshness (ADR 0023)."""

import hashlib


def cache_key(prefix: str, *parts) -> str:
    """A short, safe cache key for any parts with a stable repr (memcached and Redis limit keys)."""
    return f"{prefix}:" + hashlib.sha256(repr(parts).encode()).hexdigest()
