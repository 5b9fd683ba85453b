"""Limits that hold across processes (issue 19, finding 7): the client address, the shared counters."""

import threading
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import OperationalError, connection, connections
from django.test import RequestFactory

from smartregion.core import limits
from smartregion.core.clients import client_address, client_group, client_key
from smartregion.core.limitscache import LimitsDatabaseCache


def _request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


# --- The client address -------------------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(forwarded="198.51.100.1")) == "203.0.113.9"
    assert client_address(_request(forwarded="198.51.100.1, 198.51.100.2")) == "203.0.113.9"


def test_one_trusted_proxy_takes_the_entry_it_wrote_and_ignores_what_the_client_wrote(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 6.6.6.6"; the proxy (10.0.0.2) appended the client's address.
    request = _request(remote="10.0.0.2", forwarded="6.6.6.6, 198.51.100.7")
    assert client_address(request) == "198.51.100.7"
    assert client_address(_request(remote="10.0.0.2", forwarded="198.51.100.7")) == "198.51.100.7"


def test_two_trusted_proxies_count_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request(remote="10.0.0.3", forwarded="6.6.6.6, 198.51.100.7, 10.0.0.2")
    assert client_address(request) == "198.51.100.7"


def test_a_header_shorter_than_the_proxy_chain_or_not_an_address_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(remote="10.0.0.3", forwarded="198.51.100.7")) == "10.0.0.3"
    assert client_address(_request(remote="10.0.0.3")) == "10.0.0.3"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(remote="10.0.0.2", forwarded="1.2.3.4, unknown")) == "10.0.0.2"


def test_limits_count_an_ipv6_line_as_one_client():
    assert client_group("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert client_group("2001:db8:1:2:bbbb::7") == "2001:db8:1:2::/64"
    assert client_group("2001:db8:1:3::1") == "2001:db8:1:3::/64"
    assert client_group("::ffff:198.51.100.7") == "198.51.100.7"
    assert client_group("198.51.100.7") == "198.51.100.7"
    assert client_key(_request(remote="2001:db8::5")) == "2001:db8::/64"


# --- The counters ---------------------------------------------------------------------------------


ON_DATABASE = pytest.mark.skipif(
    settings.CACHES["throttle"]["BACKEND"] != "smartregion.core.limitscache.LimitsDatabaseCache",
    reason="the limits table of the database; on Redis (CACHE_URL) tests/core/test_redis.py covers the counters",
)


@ON_DATABASE
def test_the_limits_cache_is_the_shared_database_table_by_default():
    assert isinstance(caches["throttle"], LimitsDatabaseCache)
    assert caches["throttle"]._table == "smartregion_limits"


@pytest.mark.django_db
def test_two_cache_clients_share_one_count():
    """Two backend instances (as two worker processes have) count the same key together."""
    first, second = caches.create_connection("throttle"), caches.create_connection("throttle")
    assert first is not second
    assert first.add("shared", 1, timeout=60) is True
    assert second.add("shared", 1, timeout=60) is False  # a live counter is never replaced
    assert second.incr("shared") == 2
    assert first.incr("shared") == 3
    assert second.get("shared") == 3


@ON_DATABASE
@pytest.mark.django_db
def test_an_increment_keeps_the_expiry_and_a_missing_key_says_so():
    cache = caches["throttle"]
    cache.add("kept", 1, timeout=30)
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM smartregion_limits WHERE cache_key = %s", [cache.make_key("kept")])
        before = cursor.fetchone()[0]
        cache.incr("kept", 5)
        cursor.execute("SELECT expires FROM smartregion_limits WHERE cache_key = %s", [cache.make_key("kept")])
        assert cursor.fetchone()[0] == before
    assert cache.get("kept") == 6
    with pytest.raises(ValueError):
        cache.incr("never-added")


@ON_DATABASE
@pytest.mark.django_db
def test_an_expired_counter_is_replaced_by_add_and_not_incremented():
    cache = caches["throttle"]
    cache.add("old", 41, timeout=60)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE smartregion_limits SET expires = %s WHERE cache_key = %s",
            [connection.ops.adapt_datetimefield_value(_past()), cache.make_key("old")],
        )
    with pytest.raises(ValueError):
        cache.incr("old")
    assert cache.add("old", 1, timeout=60) is True
    assert cache.get("old") == 1


def _past():
    from datetime import UTC, datetime, timedelta

    return (datetime.now(UTC) - timedelta(minutes=5)).replace(microsecond=0, tzinfo=None)


@pytest.mark.django_db
def test_counts_start_again_in_the_next_window():
    start = 1_800_000_000.0  # a minute boundary
    name = limits.key("test", "someone")
    assert [limits.count(name, window=60, now=start + second) for second in (0, 10, 59)] == [1, 2, 3]
    assert limits.counted(name, window=60, now=start + 30) == 3
    assert limits.count(name, window=60, now=start + 60) == 1
    assert limits.seconds_left(60, now=start + 10) == 50
    assert limits.minutes_left(3600, now=start + 10) == 60
    limits.forget(name, window=60, now=start + 61)
    assert limits.counted(name, window=60, now=start + 61) == 0


def test_keys_carry_no_address_in_clear():
    name = limits.key("login-client", "198.51.100.7")
    assert name.startswith("login-client:") and "198.51.100.7" not in name
    assert name == limits.key("login-client", "198.51.100.7")
    assert name != limits.key("login-client", "198.51.100.8")


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_lose_no_count():
    """Four threads with their own database connections and cache clients count one key 25 times each."""
    name = limits.key("race", "one-client")
    now = time.time()
    barrier = threading.Barrier(4)
    errors = []

    def work():
        try:
            barrier.wait(timeout=10)
            for _ in range(25):
                for _attempt in range(500):
                    try:
                        limits.count(name, window=3600, now=now)
                        break
                    except OperationalError as error:
                        # SQLite's shared in-memory test database answers "locked" at once where a
                        # file database waits out its busy timeout: wait here the same way.
                        if "locked" not in str(error):
                            raise
                        time.sleep(0.005)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert limits.counted(name, window=3600, now=now) == 100
