"""Benchmark of the matching engine: quality on an evaluation set, and speed at Germany scale.

Quality (`make bench-matching`): a database with the real register, the real funding programmes,
the real project catalog and the fictional expert directory in bench/matching/experts.json; for each
need in bench/matching/evaluation.json (the items a domain expert would expect) it prints
precision@5 and recall@10 per category (projects, experts, programmes), on SQLite and PostgreSQL
(their full-text engines differ).

Speed (`make bench-matching-speed`): PostgreSQL with 100,000 projects, 10,000 experts and 500
programmes, generated reproducibly from a seed; prints p50/p95 of a match query (engine) and of
`GET /api/v1/matches` (target p95 < 200 ms).

    python bench/matching.py --quality [--skip-postgres]
    python bench/matching.py --speed [--projects 100000 --experts 10000 --programmes 500] [--reuse]
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import percentile, recreate_postgres_database, run_child, setup_child_django  # noqa: E402

REGISTER = ROOT / "smartregion" / "data" / "register" / "gemeinden_de_2024-12-31.csv"
CENSUS = ROOT / "smartregion" / "data" / "register" / "zensus2022_bevoelkerung_gemeinden.csv"
EVALUATION = HERE / "matching" / "evaluation.json"
EXPERTS = HERE / "matching" / "experts.json"
CATEGORIES = ("projects", "experts", "programmes")
ROUNDS = 200


def _load_base() -> None:
    from django.core.management import call_command

    from smartregion.territories.importer import import_register

    import_register(REGISTER, census_source=CENSUS)
    call_command("load_taxonomy", verbosity=0)
    call_command("import_funding", verbosity=0)


def _territory(key: str):
    from smartregion.territories.models import Territory

    return Territory.objects.filter(ars=key).first() or Territory.objects.get(ags=key, kind="gemeinde")


def _create_experts() -> dict[int, str]:
    """The fictional directory, through the services. Returns actor id → key."""
    from smartregion.accounts.models import User
    from smartregion.actors import services
    from smartregion.projects.models import Project
    from smartregion.taxonomy.models import Domain

    by = User.objects.create_user(email="bench@smartregion.example", password="bench-only-password")  # noqa: S106
    keys = {}
    for entry in json.loads(EXPERTS.read_text(encoding="utf-8"))["experts"]:
        actor = services.create_actor(
            by=by,
            kind=entry["kind"],
            name=entry["name"],
            sector=entry["sector"],
            nationwide=entry.get("nationwide", False),
            available_forum=True,
            domains=list(Domain.objects.filter(key__in=entry["domains"])),
            keywords=entry["keywords"],
            regions=[_territory(key) for key in entry.get("regions", [])],
            reference_projects=list(Project.objects.filter(external_id__in=entry.get("references", []))),
        )
        keys[actor.pk] = entry["key"]
    return keys


def quality_child() -> dict:
    setup_child_django()
    from django.core.management import call_command

    from smartregion.matching import engine
    from smartregion.taxonomy.models import Domain

    _load_base()
    call_command("import_projects", shipped=True, verbosity=0)
    actor_keys = _create_experts()
    evaluation = json.loads(EVALUATION.read_text(encoding="utf-8"))
    today = date.fromisoformat(evaluation["today"])
    per_need = []
    for need in evaluation["needs"]:
        query = engine.MatchQuery(
            text=f"{need['title']} {need['description']}",
            domain_ids=tuple(Domain.objects.filter(key__in=need["domains"]).values_list("pk", flat=True)),
            territory=_territory(need["territory"]),
        )
        started = time.perf_counter()
        matches = engine.match(query, today=today, limit=10)
        elapsed = (time.perf_counter() - started) * 1000
        found = {
            "projects": [result.item.external_id for result in matches.projects],
            "experts": [actor_keys.get(result.item.pk, "?") for result in matches.actors],
            "programmes": [result.item.code for result in matches.programmes],
        }
        per_need.append(
            {
                "key": need["key"],
                "title": need["title"],
                "ms": round(elapsed, 1),
                "found": found,
                "expected": {category: need[category] for category in CATEGORIES},
            }
        )
    return {"needs": per_need}


def _scores(entry, category):
    expected = set(entry["expected"][category])
    if not expected:
        return None
    found = entry["found"][category]
    return len(expected & set(found[:5])) / 5, len(expected & set(found[:10])) / len(expected)


def report_quality(label: str, figures: dict) -> None:
    print(f"\n{label}: {len(figures['needs'])} needs of the evaluation set")
    print(f"  {'need':<48} {'P@5 proj/exp/prog':>20} {'R@10 proj/exp/prog':>22}")
    totals = {category: [] for category in CATEGORIES}
    for entry in figures["needs"]:
        cells_p, cells_r = [], []
        for category in CATEGORIES:
            scores = _scores(entry, category)
            if scores is None:
                cells_p.append("  – ")
                cells_r.append("  – ")
                continue
            totals[category].append(scores)
            cells_p.append(f"{scores[0]:.2f}")
            cells_r.append(f"{scores[1]:.2f}")
        title = f"{entry['key']} {entry['title']}"[:48]
        print(f"  {title:<48} {'/'.join(cells_p):>20} {'/'.join(cells_r):>22}")
    print("  mean per category (best possible precision@5: when fewer than 5 items are expected, 5 cannot all hit):")
    for category in CATEGORIES:
        values = totals[category]
        precision = statistics.mean(value[0] for value in values)
        recall = statistics.mean(value[1] for value in values)
        ceiling = statistics.mean(
            min(len(entry["expected"][category]), 5) / 5 for entry in figures["needs"] if entry["expected"][category]
        )
        print(
            f"    {category:<11} precision@5 {precision:.2f} (best possible {ceiling:.2f})   "
            f"recall@10 {recall:.2f}   ({len(values)} needs)"
        )


# --- speed -----------------------------------------------------------------------------------

SECTORS = ["verwaltung", "politik", "wirtschaft", "wissenschaft", "zivilgesellschaft"]


def _generate_experts(count: int, seed: int) -> None:
    """Bulk-insert experts with competences, regions and reference projects (same fields the services set)."""
    from catalog import TOPICS
    from django.db import transaction

    from smartregion.actors.models import Actor
    from smartregion.projects.models import Project
    from smartregion.taxonomy.models import Domain
    from smartregion.taxonomy.services import keywords_for
    from smartregion.territories.models import Territory

    generator = random.Random(seed)
    domains = list(Domain.objects.values_list("pk", flat=True))
    keywords = list(dict.fromkeys(keyword.pk for topic in TOPICS for keyword in keywords_for(topic[2])))
    regions = list(Territory.objects.filter(kind__in=["land", "kreis"]).values_list("pk", flat=True))
    seats = list(Territory.objects.filter(kind="gemeinde", population__gte=10_000).values_list("pk", flat=True))
    project_ids = list(Project.objects.values_list("pk", flat=True)[:50_000])
    through_domains, through_keywords = Actor.domains.through, Actor.keywords.through
    through_regions, through_references = Actor.regions.through, Actor.reference_projects.through
    for offset in range(0, count, 2000):
        with transaction.atomic():
            actors = Actor.objects.bulk_create(
                [
                    Actor(
                        kind=generator.choice(["person", "person", "organisation"]),
                        name=f"Expertin {offset + number}",
                        sector=generator.choice(SECTORS),
                        home_territory_id=generator.choice(seats),
                        nationwide=generator.random() < 0.05,
                        available_forum=generator.random() < 0.6,
                    )
                    for number in range(min(2000, count - offset))
                ]
            )
            through_domains.objects.bulk_create(
                [through_domains(actor_id=a.pk, domain_id=d) for a in actors for d in generator.sample(domains, 2)]
            )
            through_keywords.objects.bulk_create(
                [through_keywords(actor_id=a.pk, keyword_id=k) for a in actors for k in generator.sample(keywords, 3)]
            )
            through_regions.objects.bulk_create(
                [through_regions(actor_id=a.pk, territory_id=t) for a in actors for t in generator.sample(regions, 2)]
            )
            through_references.objects.bulk_create(
                [
                    through_references(actor_id=a.pk, project_id=p)
                    for a in actors
                    for p in generator.sample(project_ids, 2)
                ]
            )


def _generate_programmes(total: int, seed: int) -> None:
    """Copies of the real programmes with other Länder, topics and deadlines up to `total`."""
    from django.db import transaction

    from smartregion.funding.models import Deadline, FundingProgramme
    from smartregion.taxonomy.models import Domain
    from smartregion.territories.models import Territory

    generator = random.Random(seed)
    real = list(FundingProgramme.objects.prefetch_related("domains"))
    lands = list(Territory.objects.filter(kind="land"))
    domains = list(Domain.objects.all())
    today = date.today()
    with transaction.atomic():
        for number in range(total - len(real)):
            source = real[number % len(real)]
            copy = FundingProgramme.objects.create(
                code=f"BENCH-{number:04d}",
                name=f"{source.name} (Variante {number})",
                level=source.level,
                land=generator.choice(lands) if source.level == "Land" else None,
                applicants=source.applicants,
                population_max=generator.choice([None, None, 10_000, 50_000]),
                status=generator.choice(["offen", "offen", "geschlossen", "unbekannt"]),
                description=source.description,
                stacking=generator.choice(["ja", "nein", "unbekannt"]),
            )
            copy.domains.set(generator.sample(domains, 2))
            Deadline.objects.create(programme=copy, closes_on=today + timedelta(days=generator.randint(-400, 400)))


def speed_child(projects: int, experts: int, programmes: int, seed: int, reuse: bool) -> dict:
    setup_child_django()
    from catalog import QUERIES, TOPICS, generate
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from smartregion.actors.models import Actor
    from smartregion.funding.models import FundingProgramme
    from smartregion.matching import engine
    from smartregion.projects.models import Project
    from smartregion.taxonomy.models import Domain
    from smartregion.territories.models import Territory

    generation = 0.0
    started = time.perf_counter()
    if not (reuse and Project.objects.exists()):
        _load_base()
    if Project.objects.count() < projects:
        generate(projects - Project.objects.count(), seed)
    if Actor.objects.count() != experts:
        Actor.objects.all().delete()
        _generate_experts(experts, seed)
    if FundingProgramme.objects.count() < programmes:
        _generate_programmes(programmes, seed)
    generation = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    generator = random.Random(seed + 7)
    domains = {domain.key: domain.pk for domain in Domain.objects.all()}
    places = list(Territory.objects.filter(kind="gemeinde", is_active=True).values_list("ars", flat=True))
    queries = []
    for _ in range(ROUNDS):
        topic = generator.choice(TOPICS)
        queries.append((f"{topic[0]} {generator.choice(QUERIES)}", topic[1], generator.choice(places)))
    territories = {t.ars: t for t in Territory.objects.filter(ars__in={query[2] for query in queries})}
    today = timezone.localdate()
    engine_times = []
    parts = {"projects": [], "experts": [], "programmes": []}
    for text, domain_key, ars in queries:
        query = engine.MatchQuery(text=text, domain_ids=(domains[domain_key],), territory=territories[ars])
        started = time.perf_counter()
        engine.match_projects(query)
        after_projects = time.perf_counter()
        engine.match_actors(query)
        after_experts = time.perf_counter()
        engine.match_programmes(query, today=today)
        done = time.perf_counter()
        engine_times.append((done - started) * 1000)
        parts["projects"].append((after_projects - started) * 1000)
        parts["experts"].append((after_experts - after_projects) * 1000)
        parts["programmes"].append((done - after_experts) * 1000)
    client = Client()
    api_times = []
    for text, domain_key, ars in queries[:100]:
        started = time.perf_counter()
        response = client.get(
            "/api/v1/matches", {"text": text, "domain": domain_key, "territory": ars}, HTTP_HOST="127.0.0.1"
        )
        api_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    return {
        "projects": Project.objects.count(),
        "experts": Actor.objects.count(),
        "programmes": FundingProgramme.objects.count(),
        "generation_seconds": round(generation, 1),
        "engine_ms": {
            "p50": round(statistics.median(engine_times), 1),
            "p95": round(percentile(engine_times, 0.95), 1),
        },
        "api_ms": {"p50": round(statistics.median(api_times), 1), "p95": round(percentile(api_times, 0.95), 1)},
        "parts_ms": {
            name: {"p50": round(statistics.median(times), 1), "p95": round(percentile(times, 0.95), 1)}
            for name, times in parts.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--experts", type=int, default=10_000)
    parser.add_argument("--programmes", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="speed: keep the bench database if it holds the data")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        if args.quality:
            print(json.dumps(quality_child()))
        else:
            print(json.dumps(speed_child(args.projects, args.experts, args.programmes, args.seed, args.reuse)))
        return
    if args.quality or not args.speed:
        print("Matching quality: evaluation set bench/matching/evaluation.json")
        with tempfile.TemporaryDirectory() as directory:
            report_quality("SQLite", run_child(__file__, f"sqlite:///{directory}/bench.sqlite3", ["--quality"]))
        if not args.skip_postgres:
            url = args.postgres.rsplit("/", 1)[0] + "/smartregion_bench_matching_quality"
            recreate_postgres_database(url)
            report_quality("PostgreSQL", run_child(__file__, url, ["--quality"]))
    if args.speed:
        url = args.postgres.rsplit("/", 1)[0] + "/smartregion_bench_matching"
        recreate_postgres_database(url, keep=args.reuse)
        arguments = ["--projects", str(args.projects), "--experts", str(args.experts)]
        arguments += ["--programmes", str(args.programmes), "--seed", str(args.seed)]
        if args.reuse:
            arguments.append("--reuse")
        figures = run_child(__file__, url, arguments)
        print(
            f"\nPostgreSQL: {figures['projects']} projects, {figures['experts']} experts, "
            f"{figures['programmes']} programmes (generated in {figures['generation_seconds']} s)"
        )
        engine_ms, api_ms = figures["engine_ms"], figures["api_ms"]
        target = "(target < 200 ms)"
        print(f"  match query (engine)      p50 / p95 {engine_ms['p50']:>7.1f} / {engine_ms['p95']:.1f} ms {target}")
        for name, part in figures["parts_ms"].items():
            print(f"    of which {name:<16} p50 / p95 {part['p50']:>7.1f} / {part['p95']:.1f} ms")
        print(f"  GET /api/v1/matches       p50 / p95 {api_ms['p50']:>7.1f} / {api_ms['p95']:.1f} ms")


if __name__ == "__main__":
    main()
