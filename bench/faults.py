"""Fault benchmark (issue 8): the database goes away under load, and a worker is killed mid-request.

Against the Germany-scale database of `make bench-data`, served as in `make bench-load`:

1. Database outage. wrk loads catalog, project and home pages; a writer creates datasets with three
   distributions each through the REST API (one transaction per dataset); a prober reads /healthz
   and a project page every 0.2 s. After 10 s PostgreSQL is stopped (fast shutdown: every connection
   is cut), after 10 more s it is started again. Expected: while it is down, pages answer with the
   friendly 503 page (never a 500), /healthz says "unavailable"; once it is back, service recovers
   by itself — the same gunicorn, no restart; and no half-written records: every dataset the API
   created has all three distributions and its history row (a consistency query).
2. Worker killed mid-request. Under wrk load, a request to /bench/slow is in flight on a worker;
   that worker gets SIGKILL. Expected: only the requests in flight on that worker fail (at most its
   thread count), gunicorn starts a replacement, and the rest of the load goes on.

    make bench-faults          # needs root or the postgres user to stop and start the cluster
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import GUNICORN_CONFIG, ROOT, drive, fetch, manifest, served, worker_pids  # noqa: E402

OUTAGE_SECONDS = 10
FRIENDLY = "nicht erreichbar"
WORKERS, THREADS = GUNICORN_CONFIG["workers"], GUNICORN_CONFIG["threads"]


def cluster(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        [
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            version,
            "main",
            action,
            *(["-m", "fast"] if action == "stop" else []),
        ],
        check=True,
    )


def _request(url: str, **options) -> tuple[int, str]:
    status, body, _headers = fetch(url, **options)
    return status, body.decode("utf-8", "replace")


class Recorder(threading.Thread):
    """Calls `probe()` every `interval` seconds until stopped; keeps (time, result)."""

    def __init__(self, probe, interval: float):
        super().__init__(daemon=True)
        self.probe, self.interval, self.results = probe, interval, []
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            self.results.append((time.monotonic(), self.probe()))
            self.stopped.wait(self.interval)


def _django(database_url: str):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="smartregion.settings",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-benchmark-only-secret-key",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _api_key() -> tuple[str, str]:
    from django.db import connection

    from smartregion.accounts.models import User
    from smartregion.territories import api_tokens
    from smartregion.territories.models import Territory

    editor = User.objects.get(email="redaktion@bench.example")
    territory = Territory.objects.filter(roles__user=editor).order_by("ars").first()
    _token, key = api_tokens.create_api_token(user=editor, name="Fault benchmark", territories=[territory])
    connection.close()
    return key, territory.ars


def _consistency(prefix: str) -> dict:
    """Datasets the writer created: each must have its three distributions and one creation history row."""
    from django.db import connection
    from django.db.models import Count

    from smartregion.opendata.models import Dataset

    datasets = Dataset.all_objects.filter(title__startswith=prefix).annotate(parts=Count("distributions"))
    created = set(Dataset.history.filter(title__startswith=prefix, history_type="+").values_list("id", flat=True))
    total = datasets.count()
    broken = sum(1 for pk, parts in datasets.values_list("pk", "parts") if parts != 3 or pk not in created)
    connection.close()
    return {"datasets": total, "half_written": broken}


def outage(base: str, data: dict, process) -> dict:
    key, territory = _api_key()
    prefix = f"Fault-{int(time.time())}-"
    project_path = data["addresses"]["project"][0]
    counter = iter(range(1_000_000))

    def write():
        number = next(counter)
        body = {
            "title": f"{prefix}{number}",
            "description": "Während eines Datenbankausfalls geschrieben.",
            "theme": "GOVE",
            "publisher": "Benchmark",
            "access": "open",
            "territory": territory,
            "distributions": [
                {"access_url": f"https://x.example/{number}/{part}.csv", "file_type": "CSV"} for part in range(3)
            ],
        }
        status, _text = _request(
            f"{base}/api/v1/datasets",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
        )
        return status

    def probe():
        health, health_text = _request(f"{base}/healthz")
        # A new address each time: the visitor page cache would otherwise still answer (which it does
        # for pages seen in the last minute — good for visitors, but not what this probe is about).
        page, page_text = _request(f"{base}{project_path}?probe={time.monotonic_ns()}")
        return health, "unavailable" in health_text, page, FRIENDLY in page_text

    writer, prober = Recorder(write, 0.05), Recorder(probe, 0.2)
    load_paths = data["addresses"]["project"][:50] + data["addresses"]["catalog_search"][:10] + ["/"]
    arbiter = process.pid
    load_result = {}
    loader = threading.Thread(
        target=lambda: load_result.update(drive(base, load_paths, concurrency=4, seconds=OUTAGE_SECONDS * 4)),
        daemon=True,
    )
    started = time.monotonic()
    loader.start()
    writer.start()
    prober.start()
    time.sleep(OUTAGE_SECONDS)
    cluster("stop")  # returns once the server is down
    stopped_at = time.monotonic()
    time.sleep(OUTAGE_SECONDS)
    restarted_at = time.monotonic()
    cluster("start")
    loader.join()
    for recorder in (writer, prober):
        recorder.stopped.set()
        recorder.join()

    down = [result for at, result in prober.results if stopped_at < at < restarted_at - 1]
    after = [(at, result) for at, result in prober.results if at > restarted_at]
    healthy_since = next(
        (at for index, (at, _) in enumerate(after) if all(r[0] == 200 and r[2] == 200 for _, r in after[index:])),
        None,
    )
    statuses = {}
    for _at, status in writer.results:
        statuses[status] = statuses.get(status, 0) + 1
    for _at, (_health, _, page, _) in prober.results:
        statuses[f"probe {page}"] = statuses.get(f"probe {page}", 0) + 1
    figures = {
        "outage_seconds": OUTAGE_SECONDS,
        "probes_while_down": len(down),
        "friendly_503_while_down": sum(1 for r in down if r[2] == 503 and r[3]),
        "healthz_unavailable_while_down": sum(1 for r in down if r[0] == 503 and r[1]),
        "server_errors_500": sum(1 for _at, status in writer.results if status == 500)
        + sum(1 for _at, r in prober.results if 500 in (r[0], r[2])),
        "recovered_after_seconds": round(healthy_since - restarted_at, 1) if healthy_since else None,
        "same_gunicorn": process.poll() is None and process.pid == arbiter,
        "writes": statuses,
        "load": load_result,
        "elapsed_seconds": round(time.monotonic() - started, 1),
    }
    figures["consistency"] = _consistency(prefix)
    figures["created_201"] = statuses.get(201, 0)
    return figures


def killed_worker(base: str, data: dict, process, pidfile: Path) -> dict:
    before = set(worker_pids(process))
    load_result = {}
    paths = data["addresses"]["project"][:50] + ["/"]
    loader = threading.Thread(
        target=lambda: load_result.update(drive(base, paths, concurrency=4, seconds=20)), daemon=True
    )
    loader.start()
    time.sleep(5)
    slow_status = {}
    slow = threading.Thread(target=lambda: slow_status.update(result=_request(f"{base}/bench/slow?s=8")), daemon=True)
    pidfile.write_text("")
    slow.start()
    for _ in range(50):
        if pidfile.read_text().strip():
            break
        time.sleep(0.1)
    victim = int(pidfile.read_text())
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    slow.join()
    loader.join()
    time.sleep(2)
    after = set(worker_pids(process))
    status, _text = _request(base + "/")
    return {
        "killed_worker": victim,
        "slow_request": slow_status["result"][0] or slow_status["result"][1],
        "load": load_result,
        "failed_requests": load_result.get("errors"),
        "at_most_in_flight_on_that_worker": THREADS,
        "replacement_started": victim not in after and len(after) == len(before),
        "after_kill_home": status,
        "elapsed_since_kill": round(time.monotonic() - killed_at, 1),
    }


def main() -> None:
    data = manifest()
    _django(data["database_url"])
    pidfile = Path(tempfile.mkstemp(prefix="bench-slow-")[1])
    os.environ["BENCH_SLOW_PIDFILE"] = str(pidfile)
    log = ROOT / "var" / "bench-faults-gunicorn.log"
    with served(data["database_url"], workers=WORKERS, threads=THREADS, log=log) as (base, process):
        print(f"1. PostgreSQL stopped for {OUTAGE_SECONDS} s under load …", flush=True)
        first = outage(base, data, process)
        print(json.dumps(first, indent=2))
        print("2. A worker killed mid-request under load …", flush=True)
        second = killed_worker(base, data, process, pidfile)
        print(json.dumps(second, indent=2))
    failures = []
    if first["probes_while_down"] == 0 or first["friendly_503_while_down"] != first["probes_while_down"]:
        failures.append("not every page request while the database was down got the friendly 503 page")
    if first["healthz_unavailable_while_down"] != first["probes_while_down"]:
        failures.append("/healthz did not say 'unavailable' on every probe while the database was down")
    if first["server_errors_500"]:
        failures.append(f"{first['server_errors_500']} responses were 500")
    if first["recovered_after_seconds"] is None:
        failures.append("service did not recover after the database came back")
    if not first["same_gunicorn"]:
        failures.append("gunicorn did not survive the outage")
    if first["consistency"]["half_written"] or first["consistency"]["datasets"] < first["created_201"]:
        failures.append(f"half-written or missing records: {first['consistency']}")
    if (second["failed_requests"] or 0) > second["at_most_in_flight_on_that_worker"]:
        failures.append(f"{second['failed_requests']} requests failed; only those on the killed worker may")
    if not second["replacement_started"] or second["after_kill_home"] != 200:
        failures.append("no replacement worker, or the site did not answer after the kill")
    output = ROOT / "var" / "bench-faults.json"
    output.write_text(json.dumps({"outage": first, "killed_worker": second}, indent=2), encoding="utf-8")
    print(f"\nFigures: {output.relative_to(ROOT)}")
    if failures:
        print("Expectations missed:\n  " + "\n  ".join(failures))
        raise SystemExit(1)
    print(
        f"Outage: {first['probes_while_down']} probes while down, all friendly 503s; recovered "
        f"{first['recovered_after_seconds']} s after PostgreSQL was back; {first['consistency']['datasets']} datasets "
        f"written, none half-written. Worker kill: {second['failed_requests']} failed request(s) of "
        f"{second['load'].get('requests')}, replacement started."
    )


if __name__ == "__main__":
    main()
