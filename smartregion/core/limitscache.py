"""The database cache for limit counters: Django's DatabaseCache with an atomic `incr` and a cheap `add`.

Django's DatabaseCache increments by reading the value and writing the sum back (two workers that
read 4 at the same moment both write 5) and resets the entry's expiry to the default timeout on every
increment. Its `add` counts the whole table first (a `SELECT COUNT(*)` before every insert, for
culling). For counters that every API request touches this backend changes those two operations:

- `incr` is a compare-and-swap: read the value, then `UPDATE … SET value = new WHERE cache_key = key
  AND value = old`; if another process changed it in between, no row matches and it reads again. Two
  statements, no lock held, atomic on SQLite and PostgreSQL alike, and the expiry stays as it was.
- `add` is one `INSERT … ON CONFLICT DO UPDATE … WHERE expired` (a live entry is left alone; the row
  count says whether this call added it). Expired counters are deleted every `CLEANUP_EVERY` adds
  instead of counting the table each time: counters expire with their window, so the table holds
  only the current windows' counters.

Everything else (get, set, delete) is Django's. On other databases the backend behaves exactly like
DatabaseCache. The table is created by `createcachetable` (and by migration core 0001 for
installations that update). ADR 0019.
"""

import base64
import itertools
import logging
import pickle  # nosec B403 - values of our own table, written by this backend
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now

logger = logging.getLogger(__name__)

CLEANUP_EVERY = 200
SWAP_ATTEMPTS = 50
_VENDORS = ("sqlite", "postgresql")
_adds = itertools.count(1)


class LimitsDatabaseCache(DatabaseCache):
    def _connection(self):
        return connections[router.db_for_write(self.cache_model_class)]

    def _encode(self, value) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    def incr(self, key, delta=1, version=None):
        connection = self._connection()
        if connection.vendor not in _VENDORS:
            return super().incr(key, delta, version)
        key = self.make_and_validate_key(key, version=version)
        table = connection.ops.quote_name(self._table)
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0, tzinfo=None))
        # The table name comes from settings; every value is a query parameter.
        select = f"SELECT value FROM {table} WHERE cache_key = %s AND expires > %s"  # noqa: S608  # nosec B608
        update = f"UPDATE {table} SET value = %s WHERE cache_key = %s AND value = %s"  # noqa: S608  # nosec B608
        with connection.cursor() as cursor:
            for _attempt in range(SWAP_ATTEMPTS):
                cursor.execute(select, [key, now])
                row = cursor.fetchone()
                if row is None:
                    raise ValueError(f"Key '{key}' not found.")
                old = connection.ops.process_clob(row[0])
                new = pickle.loads(base64.b64decode(old.encode())) + delta  # noqa: S301  # nosec B301
                cursor.execute(update, [self._encode(new), key, old])
                if cursor.rowcount == 1:
                    return new
        # Many processes counting the same key at the same instant: this one is left out.
        logger.warning("limits counter %s: no swap after %s attempts", key, SWAP_ATTEMPTS)
        return new

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        connection = self._connection()
        if connection.vendor not in _VENDORS:
            return super().add(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0, tzinfo=None))
        table = connection.ops.quote_name(self._table)
        insert = (
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "  # noqa: S608  # nosec B608
            "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, expires = excluded.expires "
            f"WHERE {table}.expires < %s"
        )
        with connection.cursor() as cursor:
            if next(_adds) % CLEANUP_EVERY == 0:
                cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608  # nosec B608
            cursor.execute(insert, [key, self._encode(value), expires, now])
            return cursor.rowcount == 1
