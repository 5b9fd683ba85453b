"""The Germany-scale database (issue 8): `make bench-data` builds it on PostgreSQL.

All real territories (register with census, outlines), the real taxonomy, matrix, glossary,
programmes, Werkzeugkasten and shipped projects; then, reproducibly from a seed,
100,000 projects, 10,000 submitted assessments, 2,000 agendas with 40,000 measures, 10,000
experts, 500 programmes, 5,000 events in 16 Land networks and 20,000 datasets.

What is created one by one goes through the services (agendas, goals, measures, consultations,
networks, members, events, users and roles); the high-volume rows whose services only validate and
write one row (projects, assessments with their 72 answers, experts, datasets) are bulk-inserted with
the values the services compute, as the single-capability benchmarks do (see their docstrings).
Afterwards peer statistics are recomputed and the database analysed, as it would be in operation.

    make bench-data                          # PostgreSQL database smartregion_bench
    python bench/germany.py --postgres URL --seed 42 [--scale 0.1]

At the end it writes var/bench-germany.json: the database URL, the sessions of the users the load
benchmark logs in as, and the addresses it requests (bench/load.py reads it).
"""

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import recreate_postgres_database, run_child, setup_child_django  # noqa: E402

REGISTER = ROOT / "smartregion" / "data" / "register" / "gemeinden_de_2024-12-31.csv"
CENSUS = ROOT / "smartregion" / "data" / "register" / "zensus2022_bevoelkerung_gemeinden.csv"
MANIFEST = ROOT / "var" / "bench-germany.json"
PASSWORD = "bench-only-password"  # noqa: S105 - a throwaway benchmark database
SIZES = {
    "projects": 100_000,
    "assessments": 10_000,
    "agendas": 2_000,
    "measures_per_agenda": 20,
    "experts": 10_000,
    "programmes": 500,
    "events": 5_000,
    "datasets": 20_000,
}
LANDS = 16
MEMBERS_PER_NETWORK = 30


def _step(timings: dict, name: str, function, *args):
    started = time.perf_counter()
    result = function(*args)
    timings[name] = round(time.perf_counter() - started, 1)
    print(f"  {name}: {timings[name]} s", file=sys.stderr, flush=True)
    return result


def _base() -> None:
    from django.core.management import call_command

    from smartregion.territories.importer import import_register

    import_register(REGISTER, census_source=CENSUS)
    for command in ("import_boundaries", "load_taxonomy", "load_glossary", "load_matrix", "import_funding"):
        call_command(command, verbosity=0)
    call_command("import_projects", shipped=True, verbosity=0)
    call_command("load_toolkit", verbosity=0)


def _agendas(count: int, per_agenda: int, seed: int) -> None:
    """Agendas of the largest Gemeinden with two goals each through the services, three of four in
    consultation; their measures (with goals, fields and budgets) in bulk with their history rows —
    `services.add_measure` takes about 30 ms (53 queries with the history of each m2m change), which
    for 40,000 measures alone would use most of the 15 minutes."""
    from django.db import transaction
    from simple_history.utils import bulk_create_with_history

    from smartregion.accounts.models import User
    from smartregion.agendas import services
    from smartregion.agendas.models import Measure, MeasureBudget
    from smartregion.taxonomy.models import Domain
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory

    generator = random.Random(seed)
    domains = list(Domain.objects.values_list("pk", flat=True))
    places = list(Territory.objects.filter(kind="gemeinde", is_active=True).order_by("-population", "ars")[:count])
    editor = User.objects.create_user("redaktion@bench.example", password=PASSWORD)
    today = date.today()
    kinds = ["Portal", "Sensorik", "Schulung", "Datenplattform", "Prozess"]
    for offset in range(0, len(places), 100):
        with transaction.atomic():
            measures, goal_links, domain_links, budgets = [], [], [], []
            for number, place in enumerate(places[offset : offset + 100], start=offset):
                territory_roles.grant_territory_role(user=editor, territory=place, role="editor")
                agenda = services.create_agenda(
                    territory=place,
                    title=f"Digitale Agenda {place.short_name}",
                    start_year=2026,
                    target_year=2029,
                    by=editor,
                )
                agenda = services.update_agenda(
                    agenda,
                    expected_revision=agenda.revision,
                    by=editor,
                    challenges="Fachkräfte fehlen, Verfahren sind analog, Daten liegen verstreut. " * 4,
                    vision=f"{place.short_name} ist 2030 eine Kommune, in der Verwaltung und Daseinsvorsorge "
                    "digital funktionieren. " * 3,
                )
                goals = [
                    services.add_goal(agenda, by=editor, title=title, description="Messbar.", target_year=2029)
                    for title in ("Verwaltung digital", "Daten offen und nutzbar")
                ]
                if number % 4:
                    services.open_consultation(
                        agenda, starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30), by=editor
                    )
                for position in range(1, per_agenda + 1):
                    start = date(2026, 1, 1) + timedelta(days=generator.randint(0, 900))
                    measures.append(
                        Measure(
                            agenda=agenda,
                            position=position,
                            title=f"Maßnahme {position}: {generator.choice(kinds)}",
                            description="Was die Maßnahme tut, für wen, und woran man den Erfolg erkennt.",
                            responsible_territory=place,
                            starts_on=start,
                            ends_on=start + timedelta(days=generator.randint(90, 700)),
                        )
                    )
                    goal_links.append([generator.choice(goals).pk])
                    domain_links.append(generator.sample(domains, 2))
            measures = bulk_create_with_history(measures, Measure, batch_size=2000, default_user=editor)
            Measure.goals.through.objects.bulk_create(
                Measure.goals.through(measure_id=measure.pk, goal_id=goal)
                for measure, goal_ids in zip(measures, goal_links, strict=True)
                for goal in goal_ids
            )
            Measure.domains.through.objects.bulk_create(
                Measure.domains.through(measure_id=measure.pk, domain_id=domain)
                for measure, domain_ids in zip(measures, domain_links, strict=True)
                for domain in domain_ids
            )
            for measure in measures:
                budgets.extend(
                    MeasureBudget(measure=measure, year=year, amount_eur=Decimal(generator.randint(5, 200) * 1000))
                    for year in (2026, 2027, 2028)
                )
            bulk_create_with_history(budgets, MeasureBudget, batch_size=2000, default_user=editor)


def _networks_and_events(count: int, seed: int) -> None:
    """A network per Land with 30 member Gemeinden and one coordinator for all; events through the services."""
    from django.db import transaction
    from django.utils import timezone

    from smartregion.accounts.models import User
    from smartregion.events import services as events
    from smartregion.network import roles as network_roles
    from smartregion.network import services
    from smartregion.network.models import Network
    from smartregion.territories.models import Territory

    generator = random.Random(seed)
    coordinator = User.objects.create_user("koordination@bench.example", password=PASSWORD)
    # The Thüringen-wide network of the assessment generator (its dashboard is measured) too.
    network_roles.grant_network_role(user=coordinator, network=Network.objects.get(slug="thueringen-alle"))
    networks = []
    for land in Territory.objects.filter(kind="land").order_by("ars"):
        with transaction.atomic():
            network = services.create_network(
                name=f"Netzwerk Digitale Kommunen {land.name}", slug=f"netzwerk-{land.ars}", by=coordinator
            )
            network_roles.grant_network_role(user=coordinator, network=network)
            members = list(
                Territory.objects.filter(kind="gemeinde", is_active=True, land=land).order_by("-population")[
                    :MEMBERS_PER_NETWORK
                ]
            )
            for territory in members:
                services.add_member(network, territory, by=coordinator)
        networks.append((network, members))
    first = timezone.now() - timedelta(days=730)
    kinds = ["netzwerktreffen", "workshop", "webinar", "living-lab"]
    for number in range(count):
        network, members = networks[number % len(networks)]
        start = first + timedelta(days=(number // len(networks)) * 3, hours=generator.randint(8, 16))
        events.create_event(
            network=network,
            by=coordinator,
            kind=kinds[number % 4],
            title=f"{kinds[number % 4].capitalize()} {number + 1}",
            host=generator.choice(members),
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            place="Rathaus, Markt 1",
            description="Tagesordnung: Begrüßung; Berichte aus den Kommunen; Ausblick.",
            agenda_items=["Begrüßung", "Berichte", "Ausblick"],
        )


def _sessions() -> dict:
    """Session cookies for the users the load benchmark acts as (a real login through the auth backend)."""
    from django.conf import settings
    from django.test import Client

    cookies = {}
    for role, email in (("coordinator", "koordination@bench.example"), ("editor", "redaktion@bench.example")):
        client = Client()
        assert client.login(email=email, password=PASSWORD), email
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return cookies


def _addresses(seed: int) -> dict:
    """What bench/load.py requests: several addresses per page, so no page is one cached row."""
    from catalog import QUERIES

    from smartregion.agendas.enums import AgendaStatus
    from smartregion.agendas.models import Agenda
    from smartregion.assessments.models import Assessment
    from smartregion.projects.models import Project
    from smartregion.territories.models import Territory

    generator = random.Random(seed + 7)
    projects = list(Project.objects.filter(published_at__isnull=False).values_list("pk", flat=True).order_by("?")[:200])
    public = Assessment.objects.filter(status="submitted", visibility="public")
    assessments = list(public.values_list("pk", flat=True).order_by("?")[:100])
    territories = list(public.values_list("territory__ars", flat=True).order_by("?")[:100])
    agendas = list(Agenda.objects.exclude(status=AgendaStatus.DRAFT).values_list("pk", flat=True).order_by("?")[:100])
    places = list(Territory.objects.filter(kind="gemeinde", population__gte=5000).values_list("name", flat=True)[:500])
    searches = [
        f"/projekte/?q={generator.choice(QUERIES)}&land={generator.choice(['09', '16', '05', '08'])}"
        f"&status={generator.choice(['betrieb', 'umsetzung'])}"
        for _ in range(40)
    ]
    needs = ["Parksensoren Innenstadt", "Hochwasser Warnung", "Rufbus ländlicher Raum", "Open Data Portal"]
    return {
        "minimal": ["/bench/minimal"],
        "home": ["/"],
        "catalog_search": searches,
        "project": [f"/projekte/{pk}/" for pk in projects],
        "territory": [f"/gebiete/{ars}/" for ars in territories],
        "benchmark": [f"/selbsteinschaetzung/{pk}/" for pk in assessments],
        "network_dashboard": ["/selbsteinschaetzung/netzwerk/thueringen-alle/"]
        + [f"/netzwerke/netzwerk-{ars:0>2}/" for ars in range(1, LANDS + 1)],
        "agenda": [f"/digitalagenda/{pk}/" for pk in agendas],
        "matching": [f"/passend/?text={generator.choice(needs)}&gebiet={generator.choice(places)}" for _ in range(40)],
        "dcat": ["/catalog.ttl", "/catalog.jsonld"],
        "api_projects": [search.replace("/projekte/?", "/api/v1/projects?") for search in searches],
        "api_datasets": ["/api/v1/datasets", "/api/v1/datasets?page=2"],
    }


def child(seed: int, scale: float) -> dict:
    setup_child_django()
    import assessments
    import catalog
    import dcat
    import matching
    from django.db import connection

    from smartregion.assessments import peers

    sizes = {name: max(1, int(value * scale)) for name, value in SIZES.items()}
    sizes["measures_per_agenda"] = SIZES["measures_per_agenda"]
    timings = {}
    started = time.perf_counter()
    _step(timings, "register_and_reference_data", _base)
    _step(timings, "projects", catalog.generate, sizes["projects"], seed)
    _step(timings, "assessments", assessments.generate, sizes["assessments"], seed)
    _step(timings, "experts", matching._generate_experts, sizes["experts"], seed)
    _step(timings, "programmes", matching._generate_programmes, sizes["programmes"], seed)
    _step(timings, "datasets", dcat.datasets, sizes["datasets"], seed)
    _step(timings, "agendas", _agendas, sizes["agendas"], sizes["measures_per_agenda"], seed)
    _step(timings, "networks_and_events", _networks_and_events, sizes["events"], seed)
    _step(timings, "peer_statistics", peers.recompute)
    with connection.cursor() as cursor:
        _step(timings, "analyse", cursor.execute, "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    figures = {"seconds": round(time.perf_counter() - started, 1), "steps": timings, "counts": _counts()}
    figures["sessions"] = _sessions()
    figures["addresses"] = _addresses(seed)
    return figures


def _counts() -> dict:
    from smartregion.actors.models import Actor
    from smartregion.agendas.models import Agenda, Measure
    from smartregion.assessments.models import Assessment
    from smartregion.events.models import Event
    from smartregion.funding.models import FundingProgramme
    from smartregion.opendata.models import Dataset
    from smartregion.projects.models import Project
    from smartregion.territories.models import Territory

    return {
        "territories": Territory.objects.count(),
        "projects": Project.objects.count(),
        "submitted_assessments": Assessment.objects.filter(status="submitted").count(),
        "agendas": Agenda.objects.count(),
        "measures": Measure.objects.count(),
        "experts": Actor.objects.count(),
        "programmes": FundingProgramme.objects.count(),
        "events": Event.objects.count(),
        "datasets": Dataset.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/smartregion_bench")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--scale", type=float, default=1.0, help="a fraction of the Germany-scale sizes, for trying")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.seed, args.scale)))
        return
    wall = time.perf_counter()
    recreate_postgres_database(args.postgres)
    print(f"Building the Germany-scale database at {args.postgres} (seed {args.seed}) …", flush=True)
    figures = run_child(__file__, args.postgres, ["--seed", str(args.seed), "--scale", str(args.scale)])
    MANIFEST.parent.mkdir(exist_ok=True)
    manifest = {"database_url": args.postgres, "seed": args.seed, **figures}
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    figures["wall_seconds"] = round(time.perf_counter() - wall, 1)
    manifest["wall_seconds"] = figures["wall_seconds"]
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    print(
        f"Built in {figures['wall_seconds']} s from an empty database, migrations included "
        f"(data {figures['seconds']} s; target: under 900 s)"
    )
    for name, seconds in figures["steps"].items():
        print(f"  {name:<28} {seconds:>7.1f} s")
    for name, count in figures["counts"].items():
        print(f"  {name:<28} {count:>9,}")
    print(f"Manifest for make bench-load: {MANIFEST.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
