"""Benchmark: the coordinators' reports of a network of 605 members on PostgreSQL (issue 22).

Builds (once; `--reuse` keeps it) a database with the shipped data and the demo, every Gemeinde of Thüringen
(605) in one network with a submitted self-assessment each (seeded, a third shared), five open needs per
member from their assessment gaps and a coordinator; then serves it with gunicorn in the production
configuration and measures what the coordinator waits for, each from a cold cache as after a deploy:

- the network dashboard: the first view, then wrk at concurrency 8 (target p95 < 250 ms);
- the funding-gap analysis: the first view (computed in the request);
- the white paper: page, PDF and DOCX, each the first request (target < 10 s each).

    make bench-reports            # PostgreSQL at POSTGRES_URL; database smartregion_bench_reports
"""

import argparse
import json
import random
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import recreate_postgres_database, run_child, setup_child_django  # noqa: E402
from serving import GUNICORN_CONFIG, drive, served  # noqa: E402

SLUG = "thueringen-alle"  # the network bench/assessments.generate builds
COORDINATOR = "koordination@bench-reports.example"
PASSWORD = "bench-only-password"  # noqa: S105 - a throwaway benchmark account
NEEDS_PER_MEMBER = 5
DASHBOARD_TARGET_MS = 250
WHITE_PAPER_TARGET_S = 10


def _needs(seed: int) -> int:
    """Five open needs per member, from the member's own assessment gaps (as submitting leaves them)."""
    from smartregion.assessments.models import Assessment, Cell
    from smartregion.needs.models import Need
    from smartregion.network.models import NetworkMember

    generator = random.Random(seed)
    members = NetworkMember.objects.filter(network__slug=SLUG).values("territory_id")
    cells = Cell.objects.select_related("domain", "dimension").in_bulk()
    needs, done = [], set()
    keyed = set(Need.all_objects.exclude(origin_key="").values_list("territory_id", "origin_key"))
    for pk, territory_id, gap_cells in (
        Assessment.objects.filter(territory_id__in=members)
        .order_by("territory_id", "-cycle")
        .values_list("pk", "territory_id", "gap_cells")
    ):
        if territory_id in done:
            continue  # the latest assessment's gaps only, as the need list of a member holds them
        done.add(territory_id)
        for cell_id in generator.sample(sorted(gap_cells), min(NEEDS_PER_MEMBER, len(gap_cells))):
            cell = cells[cell_id]
            if (territory_id, cell.gap_key) in keyed:
                continue
            needs.append(
                Need(
                    territory_id=territory_id,
                    title=f"{cell.domain.label_de} – {cell.dimension.label_de}: von Stufe 1 auf 3",
                    description=cell.gap_text_de(3),
                    origin="assessment",
                    # as needs.services.record_gaps leaves them: keyed by the gap, pointing to the assessment
                    origin_key=cell.gap_key,
                    origin_ref=f"assessment:{pk}",
                )
            )
            needs[-1].domain_id = cell.domain_id
    created = Need.objects.bulk_create(needs)
    through = Need.domains.through
    through.objects.bulk_create([through(need_id=need.pk, domain_id=need.domain_id) for need in created])
    return len(created)


def child(seed: int, reuse: bool) -> dict:
    setup_child_django()
    from assessments import CYCLE, generate
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from smartregion.accounts.enums import NetworkRoleKind
    from smartregion.accounts.models import User
    from smartregion.assessments.models import Assessment
    from smartregion.needs.models import Need
    from smartregion.network.models import Network, NetworkRole
    from smartregion.territories.models import Territory

    built = 0.0
    if not (reuse and Network.objects.filter(slug=SLUG).exists()):
        started = time.perf_counter()
        call_command("setup_site", reload_data=True, verbosity=0)
        count = Territory.objects.filter(kind="gemeinde", is_active=True, ars__startswith="16").count()
        # The demo's own assessments of the same cycle would collide with the generated ones.
        Assessment.objects.filter(cycle=CYCLE).delete()
        generate(count, seed)
        _needs(seed)
        network = Network.objects.get(slug=SLUG)
        coordinator = User.objects.create_user(email=COORDINATOR, password=PASSWORD, full_name="Bench Koordination")
        NetworkRole.objects.create(user=coordinator, network=network, role=NetworkRoleKind.COORDINATOR)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        built = time.perf_counter() - started
    client = Client()
    assert client.login(email=COORDINATOR, password=PASSWORD)
    network = Network.objects.get(slug=SLUG)
    return {
        "built_seconds": round(built, 1),
        "members": network.members.count(),
        "needs": Need.objects.filter(territory_id__in=network.members.values("territory_id")).count(),
        "cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
    }


def _timed(base: str, path: str, cookie: str) -> tuple[float, int, int]:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie, "Accept-Language": "de"})  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - our own server on loopback
        body = response.read()
        status = response.status
    return time.perf_counter() - started, status, len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="keep the bench database if it holds the network")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.seed, args.reuse)))
        return
    url = args.postgres.rsplit("/", 1)[0] + "/smartregion_bench_reports"
    recreate_postgres_database(url, keep=args.reuse)
    data = run_child(__file__, url, ["--seed", str(args.seed)] + (["--reuse"] if args.reuse else []))
    cookie = data["cookie"]
    dashboard = f"/selbsteinschaetzung/netzwerk/{SLUG}/"
    firsts, failures = {}, []
    workers, threads = GUNICORN_CONFIG["workers"], GUNICORN_CONFIG["threads"]
    with served(url, workers=workers, threads=threads, log=ROOT / "var" / "bench-reports-gunicorn.log") as (base, _p):
        for name, path in (
            ("network dashboard", dashboard),
            ("funding-gap analysis", f"/netzwerke/{SLUG}/foerderluecken/"),
            ("white paper (page)", f"/netzwerke/{SLUG}/weissbuch/"),
            ("white paper (PDF)", f"/netzwerke/{SLUG}/weissbuch/weissbuch.pdf"),
            ("white paper (DOCX)", f"/netzwerke/{SLUG}/weissbuch/weissbuch.docx"),
        ):
            firsts[name] = _timed(base, path, cookie)
        drive(base, [dashboard], cookie=cookie, concurrency=args.concurrency, seconds=3)
        load = drive(base, [dashboard], cookie=cookie, concurrency=args.concurrency, seconds=args.seconds)
    print(
        f"PostgreSQL: a network of {data['members']} members, each with a submitted assessment, "
        f"{data['needs']} open needs (built in {data['built_seconds']} s; 0 = reused)"
    )
    print(f"gunicorn {workers} workers × {threads} threads; every figure below starts from an empty cache")
    for name, (seconds, status, size) in firsts.items():
        print(f"  {name:<24} first request {seconds:>6.2f} s  (HTTP {status}, {size / 1024:.0f} KB)")
        if status != 200:
            failures.append(f"{name}: HTTP {status}")
        if name.startswith("white paper") and seconds > WHITE_PAPER_TARGET_S:
            failures.append(f"{name}: {seconds:.1f} s > {WHITE_PAPER_TARGET_S} s")
    print(
        f"  network dashboard under load, concurrency {args.concurrency}, {args.seconds:g} s: "
        f"{load['rps']} req/s, p50 {load['p50']:.1f} ms, p95 {load['p95']:.1f} ms, p99 {load['p99']:.1f} ms, "
        f"errors {load['errors']} (target p95 < {DASHBOARD_TARGET_MS} ms)"
    )
    if load["p95"] > DASHBOARD_TARGET_MS:
        failures.append(f"dashboard p95 {load['p95']} ms > {DASHBOARD_TARGET_MS} ms")
    if load["errors"]:
        failures.append(f"dashboard: {load['errors']} errors under load")
    if failures:
        print("\nTargets missed:\n  " + "\n  ".join(failures))
        raise SystemExit(1)
    print("\nAll targets met.")


if __name__ == "__main__":
    main()
