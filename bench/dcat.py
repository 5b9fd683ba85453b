"""Benchmark: the DCAT-AP.de catalogue of 100,000 projects and 20,000 datasets (issue 7).

Targets: the first page (full request, DEBUG off) under 300 ms; the full Turtle export under 60 s.
Projects come from the catalog benchmark's generator, datasets are spread over the real Gemeinden
(four in five open). PostgreSQL by default, each run in its own process with a fresh database
(`--keep-data`: the database of an earlier run as it is).

Each page is timed three ways (Django test client, 20 rounds after one request): cold — PAGE_CACHE_SECONDS=0, every
request builds the page, as the first request after a change does (the target); kept — signed in, so no visitor
page cache, the page's holdings read as kept text (core.freshness); visitor — signed out, the visitor page cache.

    make bench-dcat
    python bench/dcat.py --projects 100000 --datasets 20000 --sqlite
"""

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalog import generate  # noqa: E402
from common import recreate_postgres_database, run_child, setup_child_django, summary_ms  # noqa: E402

REGISTER = ROOT / "smartregion" / "data" / "register" / "gemeinden_de_2024-12-31.csv"
ROUNDS = 20
TITLES = ["Haltestellen", "Baumkataster", "Parkhäuser", "Bebauungspläne", "Messwerte Luft"]


def datasets(count: int, seed: int) -> float:
    from django.db import transaction

    from smartregion.opendata.enums import FileType, Frequency, Theme
    from smartregion.opendata.models import Dataset, Distribution
    from smartregion.territories.models import Territory

    random.seed(seed)
    started = time.perf_counter()
    places = list(Territory.objects.filter(kind="gemeinde").only("pk", "name"))
    for offset in range(0, count, 2000):
        with transaction.atomic():
            batch = [
                Dataset(
                    territory=(place := random.choice(places)),
                    title=f"{random.choice(TITLES)} {place.name}",
                    description="Datenbestand der Kommune mit Lage, Art und Stand der Einträge.",
                    theme=random.choice(Theme.values),
                    publisher=f"Stadtverwaltung {place.name}",
                    access="open" if random.random() < 0.8 else random.choice(["restricted", "internal"]),
                    frequency=random.choice(Frequency.values),
                    standards=random.choice(["", "GTFS", "XPlanung", "OGC SensorThings"]),
                    keywords="Open Data, Kommune",
                )
                for _ in range(min(2000, count - offset))
            ]
            Dataset.objects.bulk_create(batch)
            Distribution.objects.bulk_create(
                Distribution(
                    dataset=dataset,
                    access_url=f"https://daten.example/{dataset.pk}.csv",
                    file_type=random.choice(FileType.values),
                )  # fmt: skip
                for dataset in batch
            )
    return time.perf_counter() - started


def _timed(client, url: str) -> dict:
    """Wall p50/p95 and the CPU time of this process per request (p50): on a busy machine the wall figures grow
    with the load, the CPU figure hardly does."""
    client.get(url)
    values, cpu = [], []
    for _ in range(ROUNDS):
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        values.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code == 200
    return {**summary_ms(values), "cpu": summary_ms(cpu)["p50"]}


def child(projects: int, dataset_count: int, seed: int) -> dict:
    setup_child_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from smartregion.opendata.dcat import write_full_turtle
    from smartregion.opendata.models import Dataset

    built = 0.0
    if not Dataset.objects.exists():  # --keep-data reuses what an earlier run built
        call_command("import_territories", str(REGISTER), verbosity=0)
        call_command("load_taxonomy", verbosity=0)
        built = generate(projects, seed) + datasets(dataset_count, seed)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load; the planner needs the row counts
    from smartregion.accounts.models import User

    signed_in = Client()
    signed_in.force_login(User.objects.get_or_create(email="bench-dcat@example.org")[0])
    timings = {}
    settings.PAGE_CACHE_SECONDS = 0  # cold: every request builds the whole page
    for fmt in ("ttl", "rdf", "jsonld"):
        timings[f"cold {fmt}"] = _timed(Client(), f"/catalog.{fmt}?page=1")
    timings["cold page 100"] = _timed(Client(), "/catalog.ttl?page=100")
    settings.PAGE_CACHE_SECONDS = 60
    for fmt in ("ttl", "jsonld"):
        timings[f"kept {fmt}"] = _timed(signed_in, f"/catalog.{fmt}?page=1")
        timings[f"visitor {fmt}"] = _timed(Client(), f"/catalog.{fmt}?page=1")
    began, began_cpu = time.perf_counter(), time.process_time()
    with tempfile.NamedTemporaryFile("w", suffix=".ttl", encoding="utf-8") as out:
        pages = write_full_turtle(out, "https://hub.example")
        size = out.tell()
    return {
        "built_seconds": round(built, 1),
        "timings": timings,
        "full_seconds": round(time.perf_counter() - began, 1),
        "full_cpu_seconds": round(time.process_time() - began_cpu, 1),
        "pages": pages,
        "full_mb": round(size / 1024 / 1024, 1),
    }


def report(label: str, figures: dict) -> None:
    built = figures["built_seconds"]
    print(f"\n{label}: catalogue {f'built in {built} s' if built else 'of the earlier run (--keep-data)'}")
    for name, values in figures["timings"].items():
        target = " (target < 300 ms)" if name == "cold ttl" else ""
        page = "page 100" if "page 100" in name else "first page"
        name = name.replace(" page 100", " ttl")
        print(f"  {page} {name:<14} p50 / p95 {values['p50']:>7.1f} / {values['p95']:>7.1f} ms, "
              f"CPU p50 {values['cpu']:>6.1f} ms{target}")  # fmt: skip
    print(f"  full Turtle export        {figures['full_seconds']:>7.1f} s (CPU {figures['full_cpu_seconds']} s), "
          f"{figures['pages']} pages, "
          f"{figures['full_mb']} MB (target < 60 s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--datasets", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion")
    parser.add_argument("--sqlite", action="store_true", help="also on SQLite")
    parser.add_argument("--keep-data", action="store_true", help="time the database an earlier run built")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    arguments = ["--projects", str(args.projects), "--datasets", str(args.datasets), "--seed", str(args.seed)]
    if args.child:
        print(json.dumps(child(args.projects, args.datasets, args.seed)))
        return
    print(f"DCAT benchmark: {args.projects} projects, {args.datasets} datasets")
    url = args.postgres + "_bench_dcat"  # a database of its own beside the one named
    recreate_postgres_database(url, keep=args.keep_data)
    report("PostgreSQL", run_child(__file__, url, arguments))
    if args.sqlite:
        with tempfile.TemporaryDirectory() as directory:
            report("SQLite", run_child(__file__, f"sqlite:///{directory}/bench.sqlite3", arguments))


if __name__ == "__main__":
    main()
