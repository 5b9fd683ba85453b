"""What the caches and the sessions add to a pinned query count (core.freshness, ADR 0023; caches are on in every
test). Pin a count that differs between the embedded default and `make test-production` with these, exactly.

A first request reads the generations (one query for all of them) and misses its kept value or page in the
shared database cache (one query); storing it there is five more (Django's DatabaseCache counts the table,
then checks and inserts the row in a savepoint). With Redis (CACHE_URL) none of them is a database query.
"""

from django.conf import settings

_ON_DATABASE = settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
GENERATIONS = 1 if _ON_DATABASE else 0
SHARED_CACHE_READ = 1 if _ON_DATABASE else 0  # one value looked up in the shared cache
HELD_MISS = GENERATIONS + SHARED_CACHE_READ  # a page looked up and not stored (it sets a cookie)
KEPT_COLD = HELD_MISS + (5 if _ON_DATABASE else 0)  # a page or kept part looked up and stored
# A kept value (core.freshness.Kept) built after a miss claims the build in the shared cache first and releases
# the claim after: an add (four statements, as a store) and a delete.
KEPT_BUILT = KEPT_COLD + (5 if _ON_DATABASE else 0)

# A signed-in request reads its session: one query with the database sessions of the embedded default; none with
# `cached_db` (Redis, make test-production), which finds the session in the cache (written there at sign-in).
SESSION_READ = 1 if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db" else 0

# A request counted against a limit (core.limits, ADR 0019): two statements on the limits table of the embedded
# default; none when the counters are in Redis.
LIMIT_COUNTED = 2 if settings.CACHES["throttle"]["BACKEND"] == "smartregion.core.limitscache.LimitsDatabaseCache" else 0
