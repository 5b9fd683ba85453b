"""Redis as the shared cache, the limit counters and the sessions' cache, with real servers (ADR 0025).

The shared Redis of the machine (tests.services.REDIS_TEST_URL) for what needs no restart; a redis-server of
the test's own for what happens when Redis stops, restarts or comes back from an old snapshot.
"""

import os
import subprocess  # nosec B404
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, override_settings
from django.urls import reverse

from smartregion.core import freshness, limits
from smartregion.core.rediscache import RedisCache
from smartregion.territories.models import Territory
from tests.factories import TEST_PASSWORD, UserFactory
from tests.services import RedisServer, require_shared_redis, worker_name


def redis_caches(url: str, *, retry_after: float = 0.0) -> dict:
    """CACHES as settings.py builds them for CACHE_URL=<url>, under a prefix of this test worker."""
    prefix = f"test-{worker_name()}"
    redis_cache = {"BACKEND": "smartregion.core.rediscache.RedisCache", "LOCATION": url}
    return {
        "default": {**redis_cache, "KEY_PREFIX": prefix, "OPTIONS": {"ON_ERROR": "miss", "RETRY_AFTER": retry_after}},
        "throttle": {
            **redis_cache,
            "KEY_PREFIX": f"{prefix}-limits",
            "OPTIONS": {"ON_ERROR": "local", "RETRY_AFTER": retry_after},
        },
        "pages": {
            "BACKEND": "smartregion.core.layeredcache.LayeredCache",
            "LOCATION": "pages",
            "OPTIONS": {"SHARED": "default", "MAX_ENTRIES": 300},
        },
    }


def on_redis(url: str, **kwargs):
    return override_settings(
        CACHES=redis_caches(url, **kwargs), SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    )


@pytest.fixture
def shared_redis(db):
    url = require_shared_redis()
    with on_redis(url):
        caches["default"].clear()
        caches["throttle"].clear()
        freshness.forget_all()
        yield redis.Redis.from_url(url)
        caches["default"].clear()
        caches["throttle"].clear()
    freshness.forget_all()


@pytest.fixture
def own_redis(db):
    server = RedisServer().start()
    try:
        with on_redis(server.url):
            freshness.forget_all()
            yield server
        freshness.forget_all()
    finally:
        server.stop()


def prefixed_keys(client, prefix: str) -> list[bytes]:
    return list(client.scan_iter(match=f"{prefix}:*"))


# --- the backend -----------------------------------------------------------------------------------


def test_a_redis_cache_url_switches_on_this_backend_and_cached_sessions():
    script = (
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.CACHES['throttle']['BACKEND'], "
        "s.CACHES['throttle']['OPTIONS']['ON_ERROR'], s.SESSION_ENGINE)"
    )
    env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/1", "DJANGO_SETTINGS_MODULE": "smartregion.settings"}
    env.pop("THROTTLE_CACHE_URL", None)
    shown = subprocess.run(  # nosec B603 - fixed arguments
        [sys.executable, "-c", "import django; django.setup(); " + script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    backend = "smartregion.core.rediscache.RedisCache"
    assert shown == [backend, backend, "local", "django.contrib.sessions.backends.cached_db"]


def test_counting_from_many_threads_loses_no_increment(shared_redis):
    name = limits.key("test-threads", "203.0.113.1")

    def count_fifty(_):
        return [limits.count(name, window=3600) for _ in range(50)]

    with ThreadPoolExecutor(8) as pool:
        results = [n for batch in pool.map(count_fifty, range(8)) for n in batch]
    assert limits.counted(name, window=3600) == 400
    assert sorted(results) == list(range(1, 401))  # every event saw its own number once


def test_a_counter_keeps_its_window_expiry(shared_redis):
    name = limits.key("test-expiry", "x")
    limits.count(name, window=60)
    limits.count(name, window=60)
    (key,) = prefixed_keys(shared_redis, caches["throttle"].key_prefix)
    assert 0 < shared_redis.ttl(key) <= 61  # an increment never makes a counter permanent


def test_incr_of_a_missing_key_creates_nothing(shared_redis):
    with pytest.raises(ValueError, match="not found"):
        caches["throttle"].incr("nothing-here")
    assert prefixed_keys(shared_redis, caches["throttle"].key_prefix) == []


def test_clear_deletes_only_its_own_prefix(shared_redis):
    shared_redis.set("someone-else:1:key", b"kept")
    try:
        caches["default"].set("mine", 1)
        caches["throttle"].add("counter", 1, 60)
        caches["default"].clear()
        assert caches["default"].get("mine") is None
        assert caches["throttle"].get("counter") == 1
        assert shared_redis.get("someone-else:1:key") == b"kept"
    finally:
        shared_redis.delete("someone-else:1:key")


def test_add_is_a_lock_with_a_timeout(shared_redis):
    cache = caches["default"]
    assert cache.add("lock:export", "worker-1", timeout=30)
    assert not cache.add("lock:export", "worker-2", timeout=30)
    assert cache.get("lock:export") == "worker-1"
    (key,) = [k for k in prefixed_keys(shared_redis, cache.key_prefix) if k.endswith(b"lock:export")]
    assert 0 < shared_redis.ttl(key) <= 30


# --- generations and kept values ----------------------------------------------------------------------


def test_generations_carry_the_servers_start(shared_redis):
    (token,) = freshness.generations(["territories.territory"])
    run_id = shared_redis.info("server")["run_id"]
    assert token.endswith(f"@{run_id}")


def test_a_flushed_redis_never_serves_an_old_value(shared_redis):
    builds = []
    kept = freshness.Kept(
        "test-redis-flush",
        lambda: builds.append(1) or Territory.objects.get(ags="16053000").name,
        depends_on=(Territory,),
    )
    try:
        assert kept.get() == "Jena, Stadt"
        assert kept.get() == "Jena, Stadt" and len(builds) == 1  # kept
        freshness.forget_all()  # a new request in another worker
        shared_redis.flushdb()  # Redis restarted without its data, or flushed
        # The rename happens in a way that moves no generation (as if the bump had been lost with the data):
        # only the lost generation itself may make the value be built again.
        Territory.objects.filter(ags="16053000").update(name="Jena (neu)")
        assert kept.get() == "Jena (neu)"
        assert len(builds) == 2
    finally:
        freshness.Kept.registry.pop("test-redis-flush")


def test_a_move_that_did_not_reach_redis_is_made_before_the_next_read(shared_redis, django_capture_on_commit_callbacks):
    cache = caches["default"]
    (before,) = freshness.generations(["territories.territory"])
    cache._down_until = float("inf")  # Redis away for this process
    with django_capture_on_commit_callbacks(execute=True):
        freshness.bulk_written(Territory)  # moved after commit, which fails
    cache._down_until = 0.0  # back, with its old data
    assert shared_redis.get(cache.make_key("generation:territories.territory")) is not None
    freshness.forget_all()
    (after,) = freshness.generations(["territories.territory"])
    assert after != before


# --- sessions ---------------------------------------------------------------------------------------


def test_a_session_survives_a_flushed_redis(shared_redis, client):
    user = UserFactory()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    session_keys = [k for k in prefixed_keys(shared_redis, "test-" + worker_name()) if b"session" in k]
    assert session_keys  # the session is read through Redis
    shared_redis.flushdb()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert user.email in response.content.decode()


# --- a Redis that stops, restarts, or comes back from an old snapshot ---------------------------------


def test_redis_restarted_mid_use_gives_no_500(own_redis, client):
    user = UserFactory()
    pages = [reverse("home"), reverse("projects:catalog"), reverse("accounts:profile")]
    assert (
        client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD}).status_code == 302
    )
    for page in pages:
        assert client.get(page).status_code == 200

    own_redis.stop()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
    assert user.email in client.get(reverse("accounts:profile")).content.decode()  # still signed in
    # Limits hold in process memory meanwhile: a wrong password is counted and refused, not a 500.
    other = UserFactory()
    stranger = Client()
    response = stranger.post(reverse("accounts:login"), {"username": other.email, "password": "falsch"})
    assert response.status_code == 200
    assert caches["throttle"].local._cache  # counted here

    own_redis.start()
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert user.email in client.get(reverse("accounts:profile")).content.decode()
    caches["default"].set("after-restart", 1)
    assert redis.Redis.from_url(own_redis.url).dbsize() > 0  # written to the new server again


def test_generations_are_read_once_per_request_in_one_command(own_redis):
    freshness.generations(tuple(freshness.Kept.all_labels()))  # stored by the first read
    server = redis.Redis.from_url(own_redis.url)
    server.config_resetstat()
    # As in test_freshness: the test's database connection is not a request's to close.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        freshness.generations(("territories.territory",))
        freshness.generations(("projects.project", "network.network"))
        freshness.generations((freshness.ANY,))
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    stats = server.info("commandstats")
    # Not counted: this test's CONFIG RESETSTAT, and the INFO of a new connection asking for the server's run_id.
    read = {
        name: stat["calls"]
        for name, stat in stats.items()
        if name.startswith("cmdstat_") and not name.startswith(("cmdstat_config", "cmdstat_info"))
    }
    assert read == {"cmdstat_mget": 1}


def test_a_redis_back_from_an_old_snapshot_never_serves_what_it_kept(own_redis):
    builds = []
    kept = freshness.Kept(
        "test-redis-snapshot",
        lambda: builds.append(1) or Territory.objects.get(ags="16053000").name,
        depends_on=(Territory,),
    )
    client = redis.Redis.from_url(own_redis.url)
    try:
        assert kept.get() == "Jena, Stadt"
        snapshot = {key: client.dump(key) for key in client.scan_iter()}  # what a dump on disk would hold
        assert any(b"generation:territories.territory" in key for key in snapshot)

        Territory.objects.filter(ags="16053000").update(name="Jena (neu)")  # moves no generation
        own_redis.stop()
        own_redis.start()
        client = redis.Redis.from_url(own_redis.url)
        for key, value in snapshot.items():
            client.restore(key, 0, value)  # Redis starts from the old snapshot: old tokens, old values
        freshness.forget_all()
        assert kept.get() == "Jena (neu)"
    finally:
        freshness.Kept.registry.pop("test-redis-snapshot")


def test_the_backend_refuses_an_unknown_failure_mode():
    with pytest.raises(ValueError, match="ON_ERROR"):
        RedisCache("redis://127.0.0.1:6379/1", {"OPTIONS": {"ON_ERROR": "ignore"}})
