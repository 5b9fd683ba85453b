"""Benchmark: the funding-gap analysis of a large network (issue 22).

Runs against an existing database with the register, the matrix, the programmes, the offerings and the
projects loaded (the demo database of `make setup`, or the Germany-scale one of `make bench-data`): inside a
transaction that is rolled back, it builds a network of N member Gemeinden (seeded choice) with five needs
each from random matrix gaps, as submitted assessments leave them, and times the analysis as a page request
sees it: the first view (everything matched) and a later one (the kept analysis, with the page cache on).

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python bench/funding_gaps.py --members 605
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEEDS_PER_MEMBER = 5


class Rollback(Exception):
    pass


def _network(members: int, seed: int):
    from smartregion.assessments.models import Cell
    from smartregion.needs.models import Need
    from smartregion.network.models import Network, NetworkMember
    from smartregion.territories.models import Territory

    rng = random.Random(seed)
    network = Network.objects.create(name="Benchmark-Netzwerk", slug="benchmark-foerderluecken")
    gemeinden = list(Territory.objects.filter(kind="gemeinde", is_active=True).order_by("ars"))
    chosen = rng.sample(gemeinden, min(members, len(gemeinden)))
    NetworkMember.objects.bulk_create([NetworkMember(network=network, territory=territory) for territory in chosen])
    cells = list(Cell.objects.select_related("domain", "dimension").order_by("pk"))
    needs = []
    for territory in chosen:
        for cell in rng.sample(cells, NEEDS_PER_MEMBER):
            target = rng.choice([2, 3, 4])
            needs.append(
                Need(
                    territory=territory,
                    title=f"{cell.domain.label_de} – {cell.dimension.label_de}: von Stufe {target - 2} auf {target}",
                    description=cell.gap_text_de(target),
                    origin="assessment",
                )
            )
            needs[-1].domain_id = cell.domain_id
    created = Need.objects.bulk_create(needs)
    through = Need.domains.through
    through.objects.bulk_create([through(need_id=need.pk, domain_id=need.domain_id) for need in created])
    return network, len(chosen), len(created)


def _timed_request(compute):
    """As in a request: generations asked once (core.freshness's request hooks; the signals themselves
    would also close the database connection inside the rolled-back transaction)."""
    from smartregion.core import freshness

    freshness._request_started()
    started = time.perf_counter()
    try:
        result = compute()
    finally:
        freshness._request_finished()
    return result, round(time.perf_counter() - started, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=605)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartregion.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    from smartregion.matching.funding_gaps import funding_gaps

    settings.PAGE_CACHE_SECONDS = max(settings.PAGE_CACHE_SECONDS, 60)
    today = date.today()
    figures = {}
    try:
        with transaction.atomic():
            network, members, needs = _network(args.members, args.seed)
            analysis, first = _timed_request(lambda: funding_gaps(network, today=today))
            _again, kept = _timed_request(lambda: funding_gaps(network, today=today))
            figures = {
                "members": members,
                "needs": needs,
                "gaps": analysis.gap_count,
                "first_view_s": first,
                "kept_view_s": kept,
            }
            raise Rollback
    except Rollback:
        pass
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
