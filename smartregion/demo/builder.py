"""Demo content built through the services (never through fixtures), idempotent.

Every demo account has the same password (DEMO_PASSWORD); run only on demo and development
installations. Real territories are used: the Thuringian smart cities named in the seed texts and
the participants of the Bavarian programme "Modellprojekt Smart Cities Smart Regions" (2020) and of
the Ideenwettbewerb "Kommunal? Digital!" (2021), see smart-city data in docs/data-sources.md.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from smartregion.accounts import services as account_services
from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.accounts.models import User
from smartregion.assessments import services as assessment_services
from smartregion.assessments.enums import Visibility
from smartregion.assessments.models import Assessment
from smartregion.core.freshness import bulk_written
from smartregion.demo.actors import example_actors
from smartregion.demo.agendas import build_example_agenda
from smartregion.demo.bavaria import build_bavarian_demo
from smartregion.events import services as events
from smartregion.events.enums import EventAudience, FollowUpStatus
from smartregion.events.models import EventKind
from smartregion.needs import services as need_services
from smartregion.needs.models import Need
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.network.models import Network
from smartregion.opendata import services as opendata_services
from smartregion.projects import services as project_services
from smartregion.projects.enums import Origin
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles
from smartregion.territories.enums import AllianceType, TerritoryKind
from smartregion.territories.models import Territory

DEMO_PASSWORD = "demo-smartregion-2026"  # nosec B105 - the published demo password
DEMO_NOTE = "Beispieldaten der Demo."
EXAMPLE_NOTE = "Beispieldaten: Die Mitgliederliste ist beispielhaft und nicht amtlich bestätigt."

# Thuringian smart cities and regions named in the Digitalagentur's network article (seed 004).
THURINGIA_MEMBERS = ["Jena", "Gera", "Mühlhausen/Thüringen", "Ilmenau", "Erfurt", "Dingelstädt", "Weida"]
# Bavarian programme participants by AGS (bayern_smart_city_programme.csv).
BAVARIA_MEMBER_KEYS = [
    "09271119",
    "09777129",
    "09674149",
    "09184130",
    "09479135",
    "09272149",
    "09775135",
    "09163000",
    "09162000",
    "09564000",
    "09362000",
    "09175",
    "09774",
    "09763000",
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    description: str


ACCOUNTS = {
    "admin": DemoAccount("admin@smartregion.example", "Paula Plattform", "Plattform-Administration"),
    "jena_admin": DemoAccount("admin.jena@smartregion.example", "Anna Amt", "Administration der Stadt Jena"),
    "jena_editor": DemoAccount("redaktion.jena@smartregion.example", "Erik Eingabe", "Redaktion der Stadt Jena"),
    "coordinator_th": DemoAccount(
        "koordination.thueringen@smartregion.example",
        "Klara Koordination",
        "Koordination Smart-City-Netzwerk Thüringen",
    ),
    "coordinator_by": DemoAccount(
        "koordination.bayern@smartregion.example", "Benedikt Bayer", "Koordination Themenplattform Bayern"
    ),
    "expert": DemoAccount("expertin@smartregion.example", "Dr. Eva Expertin", "Expertin (Experten-Forum)"),
    "citizen": DemoAccount("buergerin@smartregion.example", "Bea Bürgerin", "Bürgerin ohne besondere Rolle"),
}


def _account(key: str, **flags) -> User:
    spec = ACCOUNTS[key]
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = account_services.register_user(email=spec.email, password=DEMO_PASSWORD, full_name=spec.full_name)
    changed = False
    for name, value in flags.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if changed:
        user.save()
    return user


def _gemeinde(land_ars: str, short_name: str) -> Territory:
    return Territory.objects.get(land__ars=land_ars, kind=TerritoryKind.GEMEINDE, short_name=short_name, is_active=True)


def _by_key(key: str) -> Territory:
    return Territory.objects.filter(is_active=True).filter(ars=key).first() or Territory.objects.get(
        is_active=True, kind=TerritoryKind.GEMEINDE, ags=key
    )


def _network(slug: str, **values) -> Network:
    network = Network.objects.filter(slug=slug).first()
    return network or network_services.create_network(slug=slug, **values)


def _alliance(network, *, name, alliance_type, member_names, by, description):
    existing = Territory.objects.filter(kind=TerritoryKind.ALLIANCE, name=name).first()
    if existing:
        return existing
    members = [_gemeinde("16", member) for member in member_names]
    return network_services.create_alliance_in_network(
        network, by=by, name=name, alliance_type=alliance_type, members=members, description=description
    )


@transaction.atomic
def build_demo() -> dict[str, DemoAccount]:
    if not Territory.objects.filter(kind=TerritoryKind.GEMEINDE).exists():
        raise RuntimeError("Import the territory register first (manage.py import_territories).")
    admin = _account("admin", is_superuser=True, is_staff=True)
    jena = _gemeinde("16", "Jena")
    territory_roles.grant_territory_role(
        user=_account("jena_admin"), territory=jena, role=TerritoryRoleKind.ADMIN, by=admin
    )
    territory_roles.grant_territory_role(
        user=_account("jena_editor"), territory=jena, role=TerritoryRoleKind.EDITOR, by=admin
    )
    _account("expert", is_expert=True)
    _account("citizen")

    thuringia = _network(
        "thueringen",
        name="Smart-City-Netzwerk Thüringen",
        organisation="Digitalagentur Thüringen mit dem TMWWDG",
        land=Territory.objects.get(kind=TerritoryKind.LAND, ars="16"),
        description=(
            "Quartalsweise Netzwerktreffen der Thüringer Smart Cities und Smart Regions, "
            "mit der Fachhochschule Erfurt, der TU Ilmenau und der Staatskanzlei. "
            "Gastgeberin ist reihum eine der beteiligten Kommunen."
        ),
        by=admin,
    )
    coordinator_th = _account("coordinator_th")
    network_roles.grant_network_role(user=coordinator_th, network=thuringia, by=admin)
    for name in THURINGIA_MEMBERS:
        network_services.add_member(thuringia, _gemeinde("16", name), by=coordinator_th)
    _alliance(
        thuringia,
        name="Dorfregion Seltenrain",
        alliance_type=AllianceType.DORFREGION,
        member_names=["Unstrut-Hainich", "Unstruttal"],
        by=coordinator_th,
        description=EXAMPLE_NOTE,
    )
    _alliance(
        thuringia,
        name="Allianz Thüringer Becken",
        alliance_type=AllianceType.ZWECKVERBAND,
        member_names=["Sömmerda", "Buttstädt", "Kindelbrück", "Straußfurt"],
        by=coordinator_th,
        description=(
            "Zweckverband der Städte Sömmerda, Buttstädt und Kindelbrück und der Gemeinde Straußfurt "
            "(laut den Quellen des Projekts „Allianz-App“ im Katalog)."
        ),
    )

    bavaria = _network(
        "bayern",
        name="Themenplattform Smart Cities and Regions Bayern",
        organisation="Zentrum Digitalisierung.Bayern (ZD.B)",
        land=Territory.objects.get(kind=TerritoryKind.LAND, ars="09"),
        description=(
            "Transparenz und Replizierbarkeit vorhandener Umsetzungsbeispiele, sektorübergreifende "
            "Datenintegration und Transfer von Expertise aus Wissenschaft, Wirtschaft und Kommunen."
        ),
        by=admin,
    )
    coordinator_by = _account("coordinator_by")
    network_roles.grant_network_role(user=coordinator_by, network=bavaria, by=admin)
    for key in BAVARIA_MEMBER_KEYS:
        network_services.add_member(bavaria, _by_key(key), by=coordinator_by)
    _example_projects(jena, _account("jena_editor"))
    _example_assessments(thuringia, jena, _account("jena_editor"), admin)
    example_actors(admin, _account("expert"))
    _example_needs(jena, _account("jena_editor"))
    build_example_agenda(
        jena=jena,
        editor=_account("jena_editor"),
        citizen=_account("citizen"),
        expert_user=_account("expert"),
        admin=admin,
    )
    _example_events(thuringia, coordinator_th, _account("jena_editor"))
    _example_datasets(jena, _account("jena_editor"))
    build_bavarian_demo(bavaria, coordinator=coordinator_by, admin=admin, password=DEMO_PASSWORD)
    return ACCOUNTS


def _example_datasets(jena, editor) -> None:
    """Three data holdings of Jena (open, restricted, internal), marked as example data."""
    if jena.datasets.exists():
        return
    common = {"territory": jena, "by": editor, "attribution": DEMO_NOTE}
    opendata_services.create_dataset(
        title="Haltestellen und Fahrplan (Beispiel)", description=f"Soll-Fahrplan des Stadtbusses. {DEMO_NOTE}",
        theme="TRAN", publisher="Stadtwerke (Beispiel)", access="open", frequency="WEEKLY", standards="GTFS",
        keywords="ÖPNV, Fahrplan", distributions=[{"access_url": "https://daten.example/gtfs.zip", "file_type": "ZIP"}],
        **common,
    )  # fmt: skip
    opendata_services.create_dataset(
        title="Parkhausbelegung (Beispiel)", description=f"Belegung je Viertelstunde. {DEMO_NOTE}",
        theme="TRAN", publisher="Stadtwerke (Beispiel)", access="restricted", frequency="CONT", **common,
    )  # fmt: skip
    opendata_services.create_dataset(
        title="Leitungskataster (Beispiel)", description=f"Nur für die Verwaltung. {DEMO_NOTE}",
        theme="REGI", publisher="Tiefbauamt (Beispiel)", access="internal", frequency="IRREG", **common,
    )  # fmt: skip


def _example_events(network, coordinator, member) -> None:
    """Two held Netzwerktreffen (so the rotation has a history), the next one planned with the proposed
    host, a workshop with cards and a partnership – all marked as example data."""
    if network.events.exists():
        return
    berlin = ZoneInfo("Europe/Berlin")
    today = timezone.localdate()
    members = list(Territory.objects.filter(network_memberships__network=network).order_by("name"))

    def at(day, hour):
        return datetime(day.year, day.month, day.day, hour, tzinfo=berlin)

    held = []
    for months_ago, host in ((6, members[0]), (3, members[1])):
        day = events.next_meeting_day(today - timedelta(days=30 * months_ago + 90))
        held.append(events.create_event(
            network=network, by=coordinator, title=f"Netzwerktreffen {day:%m/%Y}", host=host, starts_at=at(day, 10),
            ends_at=at(day, 14), place=f"Rathaus {host.short_name}", description=DEMO_NOTE,
            agenda_items=["Begrüßung durch den Gastgeber", "Berichte aus den Kommunen", "Termine"],
        ))  # fmt: skip
    # What came out of them: one follow-up overdue, one in progress, one done; somebody came without registering.
    events.add_follow_up(
        held[0], by=coordinator, title="Ausschreibung der Datenplattform mit allen Mitgliedern teilen",
        owner_territory=members[0], due_on=today - timedelta(days=14), note=DEMO_NOTE,
    )  # fmt: skip
    events.add_follow_up(
        held[1], by=coordinator, title="Rufbus-Erfahrungen für das nächste Treffen zusammenfassen",
        owner=coordinator.full_name, owner_territory=members[1], due_on=today + timedelta(days=21),
        status=FollowUpStatus.IN_PROGRESS, note=DEMO_NOTE,
    )  # fmt: skip
    events.add_follow_up(
        held[1], by=coordinator, title="Protokoll an die Bürgermeisterinnen und Bürgermeister schicken",
        owner=coordinator.full_name, due_on=today - timedelta(days=60), status=FollowUpStatus.DONE,
    )  # fmt: skip
    events.add_walk_in(held[1], name="Gast ohne Anmeldung (Beispiel)", organisation="IHK (Beispiel)", by=coordinator)
    day = events.next_meeting_day(today)
    host = events.propose_host(network, today)
    planned = events.create_event(
        network=network, by=coordinator, title=f"Netzwerktreffen {day:%m/%Y}", host=host, starts_at=at(day, 10),
        ends_at=at(day, 14), place=f"Rathaus {host.short_name}", capacity=40, description=DEMO_NOTE,
        agenda_items=["Begrüßung durch den Gastgeber", "Stand der Digitalisierungskonzepte", "Ausblick"],
    )  # fmt: skip
    events.register(planned, user=member)
    workshop_day = today + timedelta(days=21)
    if workshop_day == day:  # not on the day of the planned meeting (planning would ask to confirm)
        workshop_day += timedelta(days=1)
    workshop = events.create_event(
        network=network, by=coordinator, kind=EventKind.WORKSHOP, title="Workshop Mobilität im ländlichen Raum",
        audience=EventAudience.PUBLIC, host=members[-1], starts_at=at(workshop_day, 13), ends_at=at(workshop_day, 17),
        online_url="https://konferenz.example/mobilitaet", description=DEMO_NOTE,
    )  # fmt: skip
    mobility = Domain.objects.get(key="mobilitaet")
    card = events.add_card(workshop, territory=members[0], domain=mobility, text="Kein Busverkehr am Abend",
                           by=coordinator)  # fmt: skip
    events.vote(card)
    events.create_partnership(
        partners=members[:2], by=coordinator, network=network, topic="Gemeinsame Urbane Datenplattform",
        starts_on=today.replace(month=1, day=1), description=DEMO_NOTE,
    )  # fmt: skip


EXAMPLE_ASSESSMENT_NOTE = "Beispieldaten der Demo – keine Einschätzung der Kommune."


def _example_assessments(network, jena, editor, admin) -> None:
    """Submitted 2025 example assessments for the Thuringian members (so that benchmarks show),
    and Jena's 2026 cycle started as a copy. Levels are drawn reproducibly and labelled as examples."""
    if Assessment.objects.filter(territory=jena).exists():
        return
    generator = random.Random(2025)
    for member in Territory.objects.filter(network_memberships__network=network).order_by("pk"):
        by = editor if member == jena else admin
        assessment = assessment_services.start_assessment(territory=member, cycle=2025, by=by)
        assessment.is_example = True
        assessment.visibility = Visibility.NETWORKS
        assessment.save(update_fields=["is_example", "visibility"])
        base = generator.randint(1, 3)
        for answer in assessment.answers.all():
            current = max(0, min(4, base + generator.randint(-1, 1)))
            assessment_services.save_answer(
                answer=answer,
                expected_revision=answer.revision,
                by=by,
                current_level=current,
                target_level=min(4, current + generator.randint(0, 2)),
                priority=generator.choice([1, 2, 2, 3]),
                evidence=EXAMPLE_ASSESSMENT_NOTE,
            )
        assessment_services.submit_assessment(assessment=assessment, by=by)
    assessment_services.start_assessment(territory=jena, cycle=2026, by=editor)
    Assessment.objects.filter(territory=jena, cycle=2026).update(is_example=True)
    bulk_written(Assessment)


def _example_projects(jena, editor) -> None:
    """Jena re-uses a real LoRaWAN project (published example) and drafts an own one (example draft)."""
    original = (
        Project.objects.filter(origin=Origin.IMPORTED, title__icontains="LoRaWAN", land__ars="09")
        .order_by("pk")
        .first()
    )
    if original is not None and not Project.objects.filter(adopted_from=original, lead_territory=jena).exists():
        copy = project_services.adopt_project(original, territory=jena, by=editor)
        copy.origin = Origin.EXAMPLE
        copy.save()
        # A re-use is published in its own words (the copy's texts are the original's until rewritten).
        copy = project_services.update_project(
            copy,
            expected_revision=copy.revision,
            by=editor,
            title=f"Beispiel: {original.title} – Nachnutzung in Jena",
            summary=(
                f"Beispieldaten: Jena übernimmt die Lösung aus {original.lead_name} und misst damit Pegel und "
                "Belegung an eigenen Standorten."
            ),
            problem="",
            solution="",
        )
        project_services.publish_project(copy, by=editor)
    if not Project.objects.filter(
        lead_territory=jena, origin=Origin.EXAMPLE, title__startswith="Beispiel: Digitale Sprechstunde"
    ).exists():
        project_services.create_project(
            by=editor,
            lead_territory=jena,
            title="Beispiel: Digitale Sprechstunde im Bürgeramt",
            summary="Beispieldaten: Termine für Beratung per Video, gebucht über das Bürgerkonto.",
            primary_domain=Domain.objects.get(key="verwaltung"),
            keywords=["Videoberatung", "Bürgerkonto"],
            origin=Origin.EXAMPLE,
        )


def _example_needs(jena, editor) -> None:
    """A need typed in by Jena (public), next to the needs its 2025 example assessment created."""
    title = "Beispiel: Parkplatzsuche in der Innenstadt digital unterstützen"
    if Need.objects.filter(territory=jena, title=title).exists():
        return
    need_services.create_need(
        territory=jena,
        by=editor,
        title=title,
        description=(
            "Beispieldaten: Parksuchverkehr belastet die Innenstadt. Gesucht sind Parksensoren, eine "
            "digitale Anzeige freier Stellplätze und offene Parkraumdaten."
        ),
        domains=list(Domain.objects.filter(key__in=["mobilitaet", "daten-plattformen"])),
        is_public=True,
    )
