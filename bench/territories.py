"""Benchmark: import of the full German register and territory search latency.

Runs once on SQLite (a fresh file) and once on PostgreSQL (a fresh database `smartregion_bench`),
each in its own process, and prints the figures. Targets (issue #2): import under 20 s, search p95
under 50 ms over the full register.

    make bench-territories            # both databases
    python bench/territories.py --register FILE --census FILE [--postgres URL] [--skip-postgres]
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import percentile, recreate_postgres_database, run_child, setup_child_django  # noqa: E402

SEARCH_ROUNDS = 300


def child(register: Path, census: Path) -> dict:
    """Runs inside a process whose DATABASE_URL points at an empty database."""
    setup_child_django()
    from django.test import Client

    from smartregion.territories import queries
    from smartregion.territories.importer import import_register
    from smartregion.territories.models import Territory

    started = time.perf_counter()
    first = import_register(register, census_source=census, file_name=register.name)
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = import_register(register, census_source=census, file_name=register.name)
    reimport_seconds = time.perf_counter() - started

    random.seed(2024)
    gemeinden = list(Territory.objects.filter(kind="gemeinde").values_list("short_name", "ags", "postcode"))
    samples = []
    for name, ags, postcode in random.sample(gemeinden, SEARCH_ROUNDS):
        samples.append(
            random.choice([name, name[: max(3, len(name) // 2)], ags, postcode or name, name.replace("ü", "ue")])
        )
    query_times, page_times = [], []
    client = Client()
    for query in samples:
        started = time.perf_counter()
        results = queries.search(query)
        list(results[:25])
        results.count()
        query_times.append((time.perf_counter() - started) * 1000)
    for query in samples:
        started = time.perf_counter()
        response = client.get("/gebiete/", {"q": query}, HTTP_HOST="127.0.0.1")
        page_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return {
        "territories": Territory.objects.count(),
        "import_seconds": round(import_seconds, 2),
        "created": first.created,
        "reimport_seconds": round(reimport_seconds, 2),
        "reimport_changes": second.created + second.updated + second.deactivated,
        "search_query_ms": {
            "p50": round(statistics.median(query_times), 1),
            "p95": round(percentile(query_times, 0.95), 1),
        },
        "search_page_ms": {
            "p50": round(statistics.median(page_times), 1),
            "p95": round(percentile(page_times, 0.95), 1),
        },
    }


def report(label: str, figures: dict) -> None:
    query, page = figures["search_query_ms"], figures["search_page_ms"]
    print(f"\n{label}")
    print(f"  territories in database      {figures['territories']}")
    print(f"  import of full register      {figures['import_seconds']:>7.2f} s   (target < 20 s)")
    print(
        f"  repeated import              {figures['reimport_seconds']:>7.2f} s   changes: {figures['reimport_changes']}"
    )
    print(f"  search query  p50 / p95      {query['p50']:>7.1f} / {query['p95']:.1f} ms (target p95 < 50 ms)")
    print(f"  search page   p50 / p95      {page['p50']:>7.1f} / {page['p95']:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--register", type=Path, required=True)
    parser.add_argument("--census", type=Path, required=True)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    register, census = args.register.resolve(), args.census.resolve()
    if args.child:
        print(json.dumps(child(register, census)))
        return
    print(f"Territory benchmark: {SEARCH_ROUNDS} searches, register {register.name}")
    with tempfile.TemporaryDirectory() as directory:
        report(
            "SQLite",
            run_child(
                __file__, f"sqlite:///{directory}/bench.sqlite3", ["--register", str(register), "--census", str(census)]
            ),
        )
    if not args.skip_postgres:
        bench_url = args.postgres.rsplit("/", 1)[0] + "/smartregion_bench"
        recreate_postgres_database(bench_url)
        report("PostgreSQL", run_child(__file__, bench_url, ["--register", str(register), "--census", str(census)]))


if __name__ == "__main__":
    main()
