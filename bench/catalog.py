"""Benchmark: the project catalog at Germany scale (100,000 projects over the real territories).

Builds a fresh database on SQLite and on PostgreSQL (each in its own process), generates projects
reproducibly from a seed, and measures
- catalog search with two facets (full page request incl. facet counts): target p95 < 200 ms on
  SQLite and < 100 ms on PostgreSQL;
- similar-project lookup for a project: target < 100 ms;
- the API list page.

    make bench-catalog                       # both databases, 100,000 projects
    python bench/catalog.py --projects 20000 --skip-postgres

Generation uses bulk inserts (the same field values the services set, `locate()` included) and
then `fulltext.index_projects`, because creating 100,000 projects one by one through the services
with their history rows would take far longer than the figures it measures.
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

REGISTER = ROOT / "smartregion" / "data" / "register" / "gemeinden_de_2024-12-31.csv"
CENSUS = ROOT / "smartregion" / "data" / "register" / "zensus2022_bevoelkerung_gemeinden.csv"
ROUNDS = 200

TOPICS = [
    ("LoRaWAN-Sensornetz", "infrastruktur-konnektivitaet", ["LoRaWAN", "Sensorik", "Funknetz"]),
    ("Parksensoren in der Innenstadt", "mobilitaet", ["Parksensoren", "Parken", "Sensorik"]),
    ("On-Demand-Rufbus", "mobilitaet", ["On-Demand", "ÖPNV", "Ländlicher Raum"]),
    ("Digitaler Mängelmelder", "verwaltung", ["Mängelmelder", "Bürgerservice", "App"]),
    ("Online-Terminvergabe im Bürgerbüro", "verwaltung", ["Termin", "OZG", "Bürgerbüro"]),
    ("Urbane Datenplattform", "daten-plattformen", ["Urbane Datenplattform", "Open Data", "Dashboard"]),
    ("Digitaler Zwilling der Stadt", "daten-plattformen", ["Digitaler Zwilling", "3D-Stadtmodell", "CityGML"]),
    (
        "Hochwasser-Frühwarnsystem mit Pegelsensoren",
        "sicherheit-katastrophenschutz",
        ["Pegelsensoren", "Hochwasser", "Warnung"],
    ),
    ("Smarte Straßenbeleuchtung", "energie-umwelt-klima", ["LED", "Straßenbeleuchtung", "Energie sparen"]),
    (
        "Energiemonitoring kommunaler Gebäude",
        "energie-umwelt-klima",
        ["Energiemanagement", "Smart Meter", "Klimaschutz"],
    ),
    ("Dorf-App und DorfFunk", "gesellschaft-teilhabe-kultur", ["DorfFunk", "Digitale Dörfer", "Nachbarschaft"]),
    ("Bürgerbeteiligungsplattform", "gesellschaft-teilhabe-kultur", ["Bürgerbeteiligung", "Beteiligung", "Plattform"]),
    ("Schul-WLAN und Tablets", "bildung", ["Schul-IT", "WLAN", "Medienentwicklungsplan"]),
    ("Telemedizin in der Hausarztpraxis", "gesundheit-pflege", ["Telemedizin", "Gesundheit", "Videosprechstunde"]),
    (
        "Digitaler Marktplatz für den lokalen Handel",
        "wirtschaft-handel-tourismus",
        ["Lokaler Handel", "Marktplatz", "Innenstadt"],
    ),
    ("Co-Working-Space auf dem Land", "wirtschaft-handel-tourismus", ["Co-Working", "Arbeiten", "Ländlicher Raum"]),
    (
        "Digitale Bauleitplanung mit XPlanung",
        "stadtentwicklung-bauen-wohnen",
        ["XPlanung", "Bauleitplanung", "Geodaten"],
    ),
    ("Leerstandsmanagement", "stadtentwicklung-bauen-wohnen", ["Leerstand", "Innenentwicklung", "Kataster"]),
    ("Waldbrand-Früherkennung", "laendlicher-raum", ["Waldbrand", "Sensorik", "Forst"]),
    ("Smarte Bewässerung von Stadtbäumen", "laendlicher-raum", ["Baumsensoren", "Bewässerung", "Klimaanpassung"]),
]
SUMMARY = (
    "{place} setzt {topic} um. Ziel ist, {goal}. Die Lösung wird mit {partner} betrieben; "
    "Erfahrungen und Schnittstellen werden für die Nachnutzung dokumentiert."
)
GOALS = [
    "Wege zu verkürzen",
    "Kosten zu senken",
    "Daten offen bereitzustellen",
    "Bürgerinnen besser zu informieren",
    "Ehrenamt zu entlasten",
    "Ressourcen zu schonen",
]
PARTNERS = [
    "den Stadtwerken",
    "dem Landkreis",
    "einer Hochschule",
    "einem regionalen IT-Dienstleister",
    "Nachbargemeinden",
]
STATUSES = ["idee", "planung", "umsetzung", "betrieb", "betrieb", "betrieb", "abgeschlossen", "eingestellt"]
QUERIES = [
    "LoRaWAN",
    "Parksensoren",
    "Rufbus",
    "Datenplattform",
    "Hochwasser",
    "Telemedizin",
    "Beleuchtung",
    "Dorf-App",
]


def generate(count: int, seed: int) -> float:
    from django.db import transaction
    from django.utils import timezone

    from smartregion.projects import fulltext
    from smartregion.projects.models import Project
    from smartregion.projects.services import locate
    from smartregion.taxonomy.models import Domain
    from smartregion.taxonomy.services import keywords_for
    from smartregion.territories.models import Territory

    random.seed(seed)
    started = time.perf_counter()
    domains = {domain.key: domain for domain in Domain.objects.all()}
    keywords = {
        label: keyword for topic in TOPICS for label, keyword in zip(topic[2], keywords_for(topic[2]), strict=True)
    }
    places = list(Territory.objects.filter(kind="gemeinde", is_active=True).select_related("land", "kreis", "regbez"))
    weights = [max(place.population or 1, 500) ** 0.5 for place in places]
    now = timezone.now()
    batch_size = 2000
    for offset in range(0, count, batch_size):
        with transaction.atomic():
            projects, topics = [], []
            for _ in range(min(batch_size, count - offset)):
                place = random.choices(places, weights)[0]
                topic = random.choice(TOPICS)
                project = Project(
                    title=f"{topic[0]} {place.short_name}",
                    summary=SUMMARY.format(
                        place=place.short_name,
                        topic=topic[0],
                        goal=random.choice(GOALS),
                        partner=random.choice(PARTNERS),
                    ),
                    lead_territory=place,
                    primary_domain=domains[topic[1]],
                    status=random.choice(STATUSES),
                    start_year=random.randint(2015, 2026),
                    open_source=random.choice(["ja", "nein", "unbekannt", "unbekannt"]),
                    is_reusable=random.random() < 0.3,
                    publication="published",
                    published_at=now,
                    origin="example",
                )
                locate(project)
                projects.append(project)
                topics.append(topic)
            Project.objects.bulk_create(projects)
            through = Project.keywords.through
            through.objects.bulk_create(
                [
                    through(project_id=project.pk, keyword_id=keywords[label].pk)
                    for project, topic in zip(projects, topics, strict=True)
                    for label in topic[2]
                ]
            )
            fulltext.index_projects(
                Project.objects.filter(pk__in=[p.pk for p in projects])
                .select_related("lead_territory")
                .prefetch_related("keywords")
            )
    return time.perf_counter() - started


def child(count: int, seed: int, reuse: bool) -> dict:
    setup_child_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from smartregion.projects.models import Project
    from smartregion.projects.similarity import Probe, similar
    from smartregion.territories.importer import import_register

    generation_seconds = 0.0
    if not (reuse and Project.objects.count() == count):
        import_register(REGISTER, census_source=CENSUS)
        call_command("load_taxonomy", verbosity=0)
        generation_seconds = generate(count, seed)
    with connection.cursor() as cursor:
        # Steady state: a production database is vacuumed by autovacuum; right after the bulk load it is not.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    client = Client()
    random.seed(seed + 1)
    searches = [
        {
            "q": random.choice(QUERIES),
            "land": random.choice(["09", "16", "05", "08"]),
            "status": random.choice(["betrieb", "umsetzung"]),
        }
        for _ in range(ROUNDS)
    ]
    page_times = []
    for params in searches:
        started = time.perf_counter()
        response = client.get("/projekte/", params, HTTP_HOST="127.0.0.1")
        page_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    api_times = []
    for params in searches[:50]:
        started = time.perf_counter()
        response = client.get("/api/v1/projects", params, HTTP_HOST="127.0.0.1")
        api_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:200]
    ids = list(Project.objects.order_by("?").values_list("pk", flat=True)[: ROUNDS // 2])
    similar_times = []
    for pk in ids:
        project = Project.objects.get(pk=pk)
        started = time.perf_counter()
        similar(Probe.of(project))
        similar_times.append((time.perf_counter() - started) * 1000)
    return {
        "projects": Project.objects.count(),
        "generation_seconds": round(generation_seconds, 1),
        "search_page_ms": {
            "p50": round(statistics.median(page_times), 1),
            "p95": round(percentile(page_times, 0.95), 1),
        },
        "api_list_ms": {"p50": round(statistics.median(api_times), 1), "p95": round(percentile(api_times, 0.95), 1)},
        "similar_ms": {
            "p50": round(statistics.median(similar_times), 1),
            "p95": round(percentile(similar_times, 0.95), 1),
        },
    }


def report(label: str, figures: dict, target_ms: int) -> None:
    page, api, sim = figures["search_page_ms"], figures["api_list_ms"], figures["similar_ms"]
    print(f"\n{label}: {figures['projects']} projects (generated in {figures['generation_seconds']} s)")
    target = f"(target p95 < {target_ms} ms)"
    print(f"  catalog search + 2 facets p50 / p95   {page['p50']:>7.1f} / {page['p95']:.1f} ms {target}")
    print(f"  API list, same filters     p50 / p95   {api['p50']:>7.1f} / {api['p95']:.1f} ms")
    print(f"  similar projects           p50 / p95   {sim['p50']:>7.1f} / {sim['p95']:.1f} ms (target < 100 ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--child", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="PostgreSQL: keep the bench database if it already holds the projects"
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.projects, args.seed, args.reuse)))
        return
    print(f"Catalog benchmark: {args.projects} projects, seed {args.seed}, {ROUNDS} searches")
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as directory:
            report(
                "SQLite",
                run_child(
                    __file__,
                    f"sqlite:///{directory}/bench.sqlite3",
                    ["--projects", str(args.projects), "--seed", str(args.seed)],
                ),
                200,
            )
    if not args.skip_postgres:
        url = args.postgres.rsplit("/", 1)[0] + "/smartregion_bench_catalog"
        arguments = ["--projects", str(args.projects), "--seed", str(args.seed)]
        if args.reuse:
            arguments.append("--reuse")
        recreate_postgres_database(url, keep=args.reuse)
        report("PostgreSQL", run_child(__file__, url, arguments), 100)


if __name__ == "__main__":
    main()
