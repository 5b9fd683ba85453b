"""API rate limits: fixed-window counters in the shared `throttle` cache (core.limits, ADR 0019).

DRF's SimpleRateThrottle keeps a list of request times per client and writes it back on every
request (a read and a write that two processes can interleave, and several queries per request with
the database cache). These throttles count one number per client and window instead: one atomic
increment, two statements on the database cache (`make bench-limits`), one command on Redis.

The client is `core.clients.client_key` (REMOTE_ADDR, or the address the trusted proxies report;
IPv6 by /64), never DRF's reading of X-Forwarded-For, which believes whatever the client sends.
"""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from smartregion.core import limits
from smartregion.core.clients import client_key


class _FixedWindow:
    """Mixed into DRF's rate throttles: same scopes and rates (API_RATE_*), counted per window."""

    wait_seconds = None

    def get_ident(self, request):
        return client_key(request)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        name = self.get_cache_key(request, view)
        if name is None:
            return True
        now = self.timer()
        if limits.count(name, window=self.duration, now=now) > self.num_requests:
            self.wait_seconds = limits.seconds_left(self.duration, now=now)
            return False
        return True

    def wait(self):
        return self.wait_seconds


class AnonThrottle(_FixedWindow, AnonRateThrottle):
    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return limits.key(f"api-{self.scope}", self.get_ident(request))


class UserThrottle(_FixedWindow, UserRateThrottle):
    """Signed-in people (session or API key) by account; anonymous requests are AnonThrottle's alone."""

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return limits.key(f"api-{self.scope}", request.user.pk)
        return None
