"""API rate limits kept in a separate, cheap cache.

Counting every API request in the database cache would cost several queries per request. The
`throttle` cache is process-local memory by default (so the limit applies per worker process);
production points THROTTLE_CACHE_URL at a shared cache such as Redis for one limit across workers.
"""

from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    cache = caches["throttle"]


class UserThrottle(UserRateThrottle):
    cache = caches["throttle"]
