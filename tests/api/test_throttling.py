"""API rate limits count per client in the shared cache; a forged X-Forwarded-For changes nothing (finding 7)."""

import pytest
from django.core.cache import caches
from django.db import connection

from smartregion.api.throttling import AnonThrottle, UserThrottle
from smartregion.core.rediscache import RedisCache
from smartregion.territories import api_tokens
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_per_minute(monkeypatch):
    monkeypatch.setattr(AnonThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "3/min"})
    monkeypatch.setattr(UserThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "3/min"})


def _get(client, **headers):
    return client.get("/api/v1/programmes", {"page_size": 1}, **headers).status_code


def test_rotating_x_forwarded_for_does_not_reset_the_limit(client, settings, three_per_minute):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [_get(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}") for number in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_behind_one_proxy_the_client_is_the_entry_the_proxy_wrote(client, settings, three_per_minute):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # One client rotates a forged leftmost entry: still one client.
    forged = [_get(client, HTTP_X_FORWARDED_FOR=f"6.6.6.{number}, 198.51.100.7", **proxy) for number in range(4)]
    assert forged == [200, 200, 200, 429]
    # Another client behind the same proxy has its own allowance.
    assert _get(client, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy) == 200
    response = client.get("/api/v1/programmes", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_signed_in_requests_count_per_account_not_per_address(client, three_per_minute):
    client.force_login(UserFactory())
    statuses = [_get(client, REMOTE_ADDR=f"198.51.100.{number}") for number in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_an_api_key_counts_for_its_account(client, jena, three_per_minute):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=jena, role="editor")
    _token, key = api_tokens.create_api_token(user=user, name="Test", territories=[jena])
    statuses = [_get(client, HTTP_AUTHORIZATION=f"Token {key}") for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_count_lives_in_the_shared_table(client, three_per_minute):
    """In the limits table of the database, or in Redis when CACHE_URL names it (make test-production)."""
    _get(client)
    _get(client)
    throttle = caches["throttle"]
    if isinstance(throttle, RedisCache):
        server = throttle._cache.get_client(None)
        keys = list(server.scan_iter(match=f"{throttle.key_prefix}:1:api-anon:*"))
        assert len(keys) == 1 and int(server.get(keys[0])) == 2
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM smartregion_limits WHERE cache_key LIKE %s", ["limits:1:api-anon:%"])
        assert cursor.fetchone()[0] == 1
