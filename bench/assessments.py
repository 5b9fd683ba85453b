"""Benchmark: 10,000 submitted self-assessments over the real Gemeinden (PostgreSQL).

Measures (targets from issue #4)
- a territory's results page with benchmark (full request, DEBUG off): p95 < 150 ms;
- recomputing all peer statistics: < 10 s;
- the network dashboard of a Land-wide network (all Gemeinden of Thüringen, half of them sharing
  their results): p95 < 300 ms.

    make bench-assessments                     # PostgreSQL, 10,000 assessments
    python bench/assessments.py --assessments 2000 --reuse

Generation writes rows in bulk with the values the services would compute (scores via
scoring.compute): submitting 10,000 assessments one by one with 72 answers and their history
rows each would take far longer than the figures it measures.
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import percentile, recreate_postgres_database, run_child, setup_child_django  # noqa: E402

REGISTER = ROOT / "smartregion" / "data" / "register" / "gemeinden_de_2024-12-31.csv"
CENSUS = ROOT / "smartregion" / "data" / "register" / "zensus2022_bevoelkerung_gemeinden.csv"
ROUNDS = 100
CYCLE = 2026


def generate(count: int, seed: int) -> float:
    from django.db import transaction
    from django.utils import timezone

    from smartregion.accounts.models import User
    from smartregion.assessments import scoring
    from smartregion.assessments.matrix import current_matrix
    from smartregion.assessments.models import Answer, Assessment
    from smartregion.network import services as network_services
    from smartregion.network.models import NetworkMember
    from smartregion.territories.models import Territory

    random.seed(seed)
    started = time.perf_counter()
    matrix = current_matrix()
    cells = list(matrix.cells.select_related("domain", "dimension"))
    admin = User.objects.create_superuser(email="bench@smartregion.example", password="bench-only-password")
    places = list(Territory.objects.filter(kind="gemeinde", is_active=True).order_by("ars"))
    thuringia = [place for place in places if place.ars.startswith("16")]
    others = [place for place in places if not place.ars.startswith("16")]
    chosen = thuringia + random.sample(others, max(0, count - len(thuringia)))
    chosen = chosen[:count]
    now = timezone.now()
    for offset in range(0, len(chosen), 500):
        with transaction.atomic():
            assessments, answer_rows = [], []
            for territory in chosen[offset : offset + 500]:
                base = random.randint(0, 3)
                levels = [(cell, max(0, min(4, base + random.randint(-1, 1)))) for cell in cells]
                relevant = [(cell, level) for cell, level in levels if random.random() > 0.05]
                scores = scoring.compute((cell.domain.key, cell.dimension.key, level) for cell, level in relevant)
                assessments.append(
                    Assessment(
                        territory=territory,
                        cycle=CYCLE,
                        matrix=matrix,
                        status="submitted",
                        visibility=random.choice(["private", "networks", "public"]),
                        submitted_at=now,
                        overall_index=scores.overall,
                        domain_scores=scores.domains,
                        dimension_scores=scores.dimensions,
                    )
                )
                targets = [(cell, level, min(4, level + random.randint(0, 2))) for cell, level in relevant]
                assessments[-1].gap_cells = [cell.pk for cell, level, target in targets if target > level]
                answer_rows.append(targets)
            Assessment.objects.bulk_create(assessments)
            Answer.objects.bulk_create(
                [
                    Answer(assessment=assessment, cell=cell, current_level=level, target_level=target)
                    for assessment, targets in zip(assessments, answer_rows, strict=True)
                    for cell, level, target in targets
                ],
                batch_size=5000,
            )
    network = network_services.create_network(name="Alle Gemeinden Thüringens", slug="thueringen-alle", by=admin)
    NetworkMember.objects.bulk_create([NetworkMember(network=network, territory=place) for place in thuringia])
    return time.perf_counter() - started


def child(count: int, seed: int, reuse: bool) -> dict:
    setup_child_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from smartregion.accounts.models import User
    from smartregion.assessments import peers
    from smartregion.assessments.models import Assessment
    from smartregion.territories.importer import import_register

    generation_seconds = 0.0
    if not (reuse and Assessment.objects.count() == count):
        import_register(REGISTER, census_source=CENSUS)
        call_command("import_boundaries", verbosity=0)
        call_command("load_taxonomy", verbosity=0)
        call_command("load_matrix", verbosity=0)
        generation_seconds = generate(count, seed)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    recompute_times = []
    for _ in range(3):
        started = time.perf_counter()
        peers.recompute()
        recompute_times.append(time.perf_counter() - started)

    client = Client()
    client.force_login(User.objects.get(email="bench@smartregion.example"))
    random.seed(seed + 1)
    ids = list(Assessment.objects.order_by("?").values_list("pk", flat=True)[:ROUNDS])
    groups = ["", "land", "groesse", "aehnlich"]
    page_times = []
    for pk in ids:
        group = random.choice(groups)
        params = {}
        if group:
            assessment = Assessment.objects.select_related("territory").get(pk=pk)
            keys = {key for name, key, _label in peers.available_groups(assessment.territory, []) if name == group}
            params = {"gruppe": f"{group}|{next(iter(keys), '')}"}
        started = time.perf_counter()
        response = client.get(f"/selbsteinschaetzung/{pk}/", params, HTTP_HOST="127.0.0.1")
        page_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    dashboard_times = []
    client.get("/selbsteinschaetzung/netzwerk/thueringen-alle/", HTTP_HOST="127.0.0.1")  # outlines cached per process
    for _ in range(30):
        started = time.perf_counter()
        response = client.get("/selbsteinschaetzung/netzwerk/thueringen-alle/", HTTP_HOST="127.0.0.1")
        dashboard_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return {
        "assessments": Assessment.objects.count(),
        "generation_seconds": round(generation_seconds, 1),
        "recompute_seconds": round(min(recompute_times), 2),
        "results_ms": {"p50": round(statistics.median(page_times), 1), "p95": round(percentile(page_times, 0.95), 1)},
        "dashboard_ms": {
            "p50": round(statistics.median(dashboard_times), 1),
            "p95": round(percentile(dashboard_times, 0.95), 1),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion")
    parser.add_argument("--reuse", action="store_true", help="keep the bench database if it holds the assessments")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.assessments, args.seed, args.reuse)))
        return
    url = args.postgres.rsplit("/", 1)[0] + "/smartregion_bench_assessments"
    recreate_postgres_database(url, keep=args.reuse)
    arguments = ["--assessments", str(args.assessments), "--seed", str(args.seed)] + (["--reuse"] if args.reuse else [])
    figures = run_child(__file__, url, arguments)
    print(
        f"PostgreSQL: {figures['assessments']} submitted assessments (generated in {figures['generation_seconds']} s)"
    )
    print(f"  recompute all peer statistics        {figures['recompute_seconds']:>7.2f} s (target < 10 s)")
    page, board = figures["results_ms"], figures["dashboard_ms"]
    print(f"  results page with benchmark p50 / p95 {page['p50']:>6.1f} / {page['p95']:.1f} ms (target p95 < 150 ms)")
    print(f"  network dashboard (605 members) p50 / p95 {board['p50']:>6.1f} / {board['p95']:.1f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
