"""Benchmark: the iCalendar feed of a network with 500 events (issue 7).

Target: the feed (full request, DEBUG off) p95 under 200 ms. The network, its 20 member Gemeinden and
500 events over five years (with hosts, agenda text and some cancellations) are built through the
services on SQLite and on PostgreSQL, each in its own process with a fresh database.

    make bench-events
    python bench/events.py --events 500 --skip-postgres
"""

import argparse
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import recreate_postgres_database, run_child, setup_child_django, summary_ms  # noqa: E402

REGISTER = ROOT / "smartregion" / "data" / "register" / "gemeinden_de_2024-12-31.csv"
ROUNDS = 50


def child(event_count: int) -> dict:
    setup_child_django()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from smartregion.events import services as events
    from smartregion.events.models import Event
    from smartregion.network import services
    from smartregion.territories.models import Territory

    call_command("import_territories", str(REGISTER), verbosity=0)
    started = time.perf_counter()
    network = services.create_network(name="Netzwerk Thüringen", slug="thueringen")
    members = list(Territory.objects.filter(kind="gemeinde", ags__startswith="16").order_by("ags")[:20])
    for territory in members:
        services.add_member(network, territory)
    first = timezone.now() - timedelta(days=365)
    for number in range(event_count):
        start = first + timedelta(days=number * 4, hours=number % 5)
        event = events.create_event(
            network=network,
            by=None,
            kind=["netzwerktreffen", "workshop", "webinar", "living-lab"][number % 4],
            title=f"Veranstaltung {number + 1}",
            host=members[number % len(members)],
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            place="Rathaus, Markt 1",
            online_url="https://konferenz.example/raum",
            description="Tagesordnung: Begrüßung; Berichte aus den Kommunen; Ausblick, Termine." * 2,
            agenda_items=["Begrüßung", "Berichte", "Ausblick"],
        )
        if number % 25 == 0:  # cancelled in time (the service refuses once an event has begun)
            Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED, sequence=F("sequence") + 1)
    built = time.perf_counter() - started
    client = Client()
    url = f"/netzwerke/{network.slug}/veranstaltungen.ics"
    client.get(url)
    timings = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {
        "events": response.content.count(b"BEGIN:VEVENT"),
        "built_seconds": round(built, 1),
        "feed": summary_ms(timings),
        "feed_queries": len(queries),
        "feed_kb": round(len(response.content) / 1024),
    }


def report(label: str, figures: dict) -> None:
    feed = figures["feed"]
    print(f"\n{label}: {figures['events']} events in the feed (built in {figures['built_seconds']} s)")
    print(f"  ICS feed p50 / p95   {feed['p50']:>7.1f} / {feed['p95']:.1f} ms, {figures['feed_queries']} queries, "
          f"{figures['feed_kb']} KB")  # fmt: skip
    print("  target: p95 < 200 ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.events)))
        return
    print(f"Event feed benchmark: {args.events} events")
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as directory:
            report(
                "SQLite", run_child(__file__, f"sqlite:///{directory}/bench.sqlite3", ["--events", str(args.events)])
            )
    if not args.skip_postgres:
        url = args.postgres.rsplit("/", 1)[0] + "/smartregion_bench_events"
        recreate_postgres_database(url)
        report("PostgreSQL", run_child(__file__, url, ["--events", str(args.events)]))


if __name__ == "__main__":
    main()
