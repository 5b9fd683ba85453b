"""Benchmark: what counting an API request in the shared limits table costs (issue 19, ADR 0019).

For each database (SQLite file, PostgreSQL), in its own process with a fresh database:
- `ours`: the API's anonymous throttle (core.limits on the `smartregion_limits` table) for one client
  making many requests (the steady state) and for many clients making their first request of the
  window (the insert path): statements and time per check;
- `drf`: DRF's own AnonRateThrottle with the stock database cache, for comparison (its request-time
  list is read and written back on every request).

    make bench-limits
    python bench/limits.py --skip-postgres
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import recreate_postgres_database, run_child, setup_child_django, summary_ms  # noqa: E402

ROUNDS = 2000


def child() -> dict:
    setup_child_django()
    from django.core.cache import caches
    from django.db import connection
    from django.test import RequestFactory
    from rest_framework.request import Request
    from rest_framework.throttling import AnonRateThrottle

    from smartregion.api.throttling import AnonThrottle

    factory = RequestFactory()
    rates = {"anon": f"{ROUNDS * 10}/hour"}

    def measure(throttle_class, addresses) -> dict:
        throttle_class.THROTTLE_RATES = rates
        requests = [Request(factory.get("/api/v1/projects", REMOTE_ADDR=address)) for address in addresses]
        timings, statements = [], []

        def counting(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            for request in requests:
                started = time.perf_counter()
                allowed = throttle_class().allow_request(request, None)
                timings.append((time.perf_counter() - started) * 1000)
                assert allowed
        return {"statements_per_check": round(len(statements) / len(requests), 2), "ms": summary_ms(timings)}

    class StockDatabaseCacheThrottle(AnonRateThrottle):
        cache = caches["default"]

    one_client = ["198.51.100.7"] * ROUNDS
    many_clients = [f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in range(ROUNDS)]
    return {
        "vendor": connection.vendor,
        "ours_one_client": measure(AnonThrottle, one_client),
        "ours_new_clients": measure(AnonThrottle, many_clients),
        "drf_stock_dbcache_one_client": measure(StockDatabaseCacheThrottle, one_client[: ROUNDS // 4]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child()))
        return
    results = [run_child(__file__, f"sqlite:///{tempfile.mkdtemp(prefix='bench-limits-')}/db.sqlite3", [])]
    if not args.skip_postgres:
        url = args.postgres.rsplit("/", 1)[0] + "/smartregion_bench_limits"
        recreate_postgres_database(url)
        results.append(run_child(__file__, url, []))
    for result in results:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
