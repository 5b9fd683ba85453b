"""Demo content of the Bavarian network (Themenplattform Smart Cities and Regions Bayern), built through the
services like the Thuringian one, deterministic (seeded levels, fixed texts) and idempotent.

Members' example assessments of two cycles (enough for the k ≥ 5 averages, some shared with the networks,
some private), needs typed in and from a workshop, five example Digitalisierungskonzepte whose measures plan
money for the same kinds of solution (an urban data platform, a LoRaWAN network, online appointments, energy
monitoring: the dashboard's and the white paper's candidates for shared services), and two held network
meetings with the attendance of the members' editors. Everything is labelled as example data; the members and
their real projects come from the register and the shipped project list.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from smartregion.accounts import services as account_services
from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.accounts.models import User
from smartregion.agendas import services as agenda_services
from smartregion.agendas.enums import BudgetSource
from smartregion.agendas.models import Agenda
from smartregion.agendas.services import MeasurePlan
from smartregion.assessments import services as assessment_services
from smartregion.assessments.enums import Visibility
from smartregion.assessments.models import Assessment
from smartregion.events import services as events
from smartregion.events.enums import EventAudience
from smartregion.events.models import EventKind
from smartregion.needs import services as need_services
from smartregion.needs.models import Need
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

NOTE = "Beispieldaten der Demo."
ASSESSMENT_NOTE = "Beispieldaten der Demo – keine Einschätzung der Kommune."

# Editors of five members (same demo password as every demo account): they attend the network meetings.
EDITORS = {
    "09362000": ("redaktion.regensburg@smartregion.example", "Rita Regensburger"),
    "09763000": ("redaktion.kempten@smartregion.example", "Konrad Kemptner"),
    "09775135": ("redaktion.neu-ulm@smartregion.example", "Nora Neuulmer"),
    "09271119": ("redaktion.deggendorf@smartregion.example", "Dora Deggendorfer"),
    "09774": ("redaktion.lk-guenzburg@smartregion.example", "Gustav Günzburger"),
}

# Member → (visibility, base level, also the earlier cycle): eleven of fourteen members assessed 2025,
# six of them 2024 too, so that averages (k ≥ 5) and the change between the cycles show.
ASSESSED = {
    "09362000": (Visibility.NETWORKS, 3, True),  # Regensburg
    "09763000": (Visibility.PUBLIC, 2, True),  # Kempten (Allgäu)
    "09775135": (Visibility.NETWORKS, 2, True),  # Neu-Ulm
    "09271119": (Visibility.NETWORKS, 2, True),  # Deggendorf
    "09774": (Visibility.NETWORKS, 2, True),  # Landkreis Günzburg
    "09777129": (Visibility.NETWORKS, 1, True),  # Füssen
    "09175": (Visibility.NETWORKS, 2, False),  # Landkreis Ebersberg
    "09674149": (Visibility.NETWORKS, 1, False),  # Hofheim i.UFr.
    "09163000": (Visibility.PRIVATE, 2, False),  # Rosenheim
    "09272149": (Visibility.PRIVATE, 1, False),  # Spiegelau
    "09564000": (Visibility.PRIVATE, 3, False),  # Nürnberg
}

# Member → [(title, description, Handlungsfelder)]: needs typed in by the members (not public).
NEEDS = {
    "09272149": [
        (
            "Beispiel: Rufbus für die Ortsteile am Abend",
            "Nach 18 Uhr fährt kein Bus in die Ortsteile. Gesucht: ein Rufbus, per App und Telefon buchbar.",
            ["mobilitaet", "laendlicher-raum"],
        )
    ],
    "09674149": [
        (
            "Beispiel: Rufbus und Mitfahrbank digital buchen",
            "Ältere Menschen in den Ortsteilen kommen ohne Auto nicht zum Arzt. Rufbus und Mitfahrbank sollen "
            "sich digital und telefonisch buchen lassen.",
            ["mobilitaet"],
        )
    ],
    "09479135": [
        (
            "Beispiel: Dorfladen mit digitalem Zugang rund um die Uhr",
            "Der letzte Lebensmittelladen hat geschlossen; ein digitaler Dorfladen soll die Nahversorgung sichern.",
            ["wirtschaft-handel-tourismus", "laendlicher-raum"],
        )
    ],
    "09775135": [
        (
            "Beispiel: Online-Terminvergabe für das Bürgerbüro",
            "Lange Wartezeiten im Bürgerbüro; Termine sollen online buchbar sein, mit Erinnerung.",
            ["verwaltung"],
        )
    ],
    "09777129": [
        (
            "Beispiel: Besucherlenkung an Ausflugszielen mit Echtzeitdaten",
            "Parkplätze an den Ausflugszielen sind an Wochenenden überfüllt; freie Plätze sollen in Echtzeit "
            "angezeigt und als offene Daten bereitgestellt werden.",
            ["wirtschaft-handel-tourismus", "daten-plattformen"],
        )
    ],
    "09184130": [
        (
            "Beispiel: Energiemonitoring der kommunalen Gebäude",
            "Verbrauch von Rathaus, Schulen und Bauhof ist nur aus Jahresrechnungen bekannt.",
            ["energie-umwelt-klima"],
        )
    ],
    "09163000": [
        (
            "Beispiel: Pegel und Füllstände mit Sensoren messen",
            "Hochwasserwarnung und Leerung der Container sollen sich auf Messwerte stützen.",
            ["sicherheit-katastrophenschutz", "infrastruktur-konnektivitaet"],
        )
    ],
}

# The measures' words: alike across members on purpose (the candidates for shared services).
PLATFORM = (
    "Urbane Datenplattform aufbauen",
    "Offene urbane Datenplattform für Sensor-, Verkehrs- und Verwaltungsdaten mit Open-Data-Portal.",
    ["daten-plattformen"],
)
LORAWAN = (
    "LoRaWAN-Sensornetz aufbauen",
    "LoRaWAN-Funknetz mit Gateways für Sensoren: Parken, Pegel, Füllstände.",
    ["infrastruktur-konnektivitaet"],
)
APPOINTMENTS = (
    "Online-Terminvergabe im Bürgerbüro",
    "Termine im Bürgerbüro online buchen, mit Erinnerung und barrierefrei.",
    ["verwaltung"],
)
ENERGY = (
    "Energiemonitoring kommunaler Gebäude",
    "Zähler und Energiedaten der kommunalen Gebäude täglich erfassen, Berichte an den Rat.",
    ["energie-umwelt-klima"],
)

# Member → (agenda title, [(measure words, amounts per year from the start year, or None: no budget yet)]).
AGENDAS = {
    "09362000": (
        "Beispiel: Digitalstrategie Regensburg 2026–2028",
        [
            (PLATFORM, [300000, 200000, 80000]),
            (LORAWAN, [90000, 30000]),
            (APPOINTMENTS, None),
            (
                (
                    "Digitaler Zwilling der Altstadt",
                    "3D-Stadtmodell für Planung und Denkmalschutz im Welterbe.",
                    ["stadtentwicklung-bauen-wohnen"],
                ),
                [120000, 60000],
            ),
        ],
    ),
    "09763000": (
        "Beispiel: Digitale Agenda Kempten 2026–2028",
        [
            (
                (
                    "Urbane Datenplattform mit Open-Data-Portal",
                    "Urbane Datenplattform für Sensor- und Verkehrsdaten, offen über ein Open-Data-Portal.",
                    ["daten-plattformen"],
                ),
                [150000, 120000, 40000],
            ),
            (
                (
                    "LoRaWAN-Funknetz im Stadtgebiet",
                    "LoRaWAN-Funknetz mit Gateways für Sensoren im ganzen Stadtgebiet: Parken und Pegel.",
                    ["infrastruktur-konnektivitaet"],
                ),
                [60000, 20000],
            ),
            (
                (
                    "Beteiligungsplattform für Bürgerhaushalt",
                    "Ideen und Abstimmungen zum Bürgerhaushalt online.",
                    ["gesellschaft-teilhabe-kultur"],
                ),
                [0, 35000],
            ),
        ],
    ),
    "09775135": (
        "Beispiel: Digitalisierungskonzept Neu-Ulm",
        [
            (APPOINTMENTS, [40000, 10000]),
            (
                (
                    "Urbane Datenplattform gemeinsam mit Ulm",
                    "Eine urbane Datenplattform für beide Städte statt zwei: Verkehrs- und Sensordaten offen.",
                    ["daten-plattformen"],
                ),
                None,
            ),
        ],
    ),
    "09774": (
        "Beispiel: Digitale Agenda Landkreis Günzburg",
        [
            (
                (
                    "LoRaWAN-Sensornetz für die Kommunen im Landkreis",
                    "Ein LoRaWAN-Funknetz mit Gateways für alle Kommunen des Landkreises: Pegel und Füllstände.",
                    ["infrastruktur-konnektivitaet"],
                ),
                [50000, 25000],
            ),
            (ENERGY, [70000, 40000, 10000]),
            (
                (
                    "Rufbus-App für den ganzen Landkreis",
                    "Den Rufbus im ganzen Landkreis per App und Telefon buchen.",
                    ["mobilitaet"],
                ),
                [80000, 80000, 30000],
            ),
        ],
    ),
    "09271119": (
        "Beispiel: Digitalisierungsfahrplan Deggendorf",
        [
            (
                (
                    "Online-Terminvergabe und digitale Bürgerdienste",
                    "Termine im Bürgerbüro online buchen; Anträge digital nach dem Onlinezugangsgesetz.",
                    ["verwaltung"],
                ),
                [25000, 15000],
            ),
            (
                (
                    "Energiemonitoring der kommunalen Gebäude",
                    "Zähler in Schulen und Rathaus, Energiedaten der kommunalen Gebäude täglich erfassen.",
                    ["energie-umwelt-klima"],
                ),
                [0, 60000, 20000],
            ),
        ],
    ),
}


def _members(network) -> dict[str, Territory]:
    """The members by the keys used above (AGS of a Gemeinde, ARS of a Kreis)."""
    found = {}
    for territory in Territory.objects.filter(network_memberships__network=network):
        found[territory.ars] = territory
        if territory.ags:
            found[territory.ags] = territory
    return found


def _editor(key: str, territory, *, admin, password: str) -> User:
    email, full_name = EDITORS[key]
    user = User.objects.filter(email=email).first()
    if user is None:
        user = account_services.register_user(email=email, password=password, full_name=full_name)
    territory_roles.grant_territory_role(user=user, territory=territory, role=TerritoryRoleKind.EDITOR, by=admin)
    return user


def build_bavarian_demo(network, *, coordinator, admin, password: str) -> None:
    members = _members(network)
    editors = {key: _editor(key, members[key], admin=admin, password=password) for key in EDITORS}
    _assessments(members, editors, admin)
    _needs(members, editors, admin)
    _agendas(members, editors)
    _events(network, members, editors, coordinator)


def _assess(territory, cycle: int, *, visibility, base: int, generator, by) -> None:
    assessment = assessment_services.start_assessment(territory=territory, cycle=cycle, by=by)
    assessment.is_example = True
    assessment.visibility = visibility
    assessment.save(update_fields=["is_example", "visibility"])
    for answer in assessment.answers.select_related("cell").order_by("cell_id"):
        current = max(0, min(4, base + generator.randint(-1, 1)))
        assessment_services.save_answer(
            answer=answer,
            expected_revision=answer.revision,
            by=by,
            current_level=current,
            target_level=min(4, current + generator.randint(0, 2)),
            priority=generator.choice([1, 2, 2, 3]),
            evidence=ASSESSMENT_NOTE,
        )
    assessment_services.submit_assessment(assessment=assessment, by=by)


def _assessments(members, editors, admin) -> None:
    """Example assessments 2024 and 2025 (levels drawn reproducibly; 2025 a little higher)."""
    if Assessment.objects.filter(territory__in=[members[key] for key in ASSESSED]).exists():
        return
    generator = random.Random(2024)
    for key, (visibility, base, earlier) in ASSESSED.items():
        by = editors.get(key, admin)
        if earlier:
            _assess(members[key], 2024, visibility=visibility, base=base, generator=generator, by=by)
        _assess(members[key], 2025, visibility=visibility, base=min(4, base + 1) if earlier else base,
                generator=generator, by=by)  # fmt: skip


def _needs(members, editors, admin) -> None:
    for key, needs in NEEDS.items():
        for title, description, domain_keys in needs:
            if Need.objects.filter(territory=members[key], title=title).exists():
                continue
            need_services.create_need(
                territory=members[key],
                by=editors.get(key, admin),
                title=title,
                description=f"{description} {NOTE}",
                domains=list(Domain.objects.filter(key__in=domain_keys)),
            )


def _agendas(members, editors) -> None:
    start = timezone.localdate().year
    for key, (title, measures) in AGENDAS.items():
        territory, editor = members[key], editors[key]
        if Agenda.all_objects.filter(territory=territory, title=title).exists():
            continue
        agenda = agenda_services.create_agenda(
            territory=territory, title=title, start_year=start, target_year=start + 4, by=editor, is_example=True
        )
        for (measure_title, description, domain_keys), amounts in measures:
            budgets = {(start + offset, BudgetSource.OWN_SHARE): Decimal(amount) for offset, amount in
                       enumerate(amounts or []) if amount}  # fmt: skip
            agenda_services.add_measure(
                agenda,
                by=editor,
                plan=MeasurePlan(domains=list(Domain.objects.filter(key__in=domain_keys)), budgets=budgets),
                title=measure_title,
                description=description,  # the agenda says it is example data
                responsible_territory=territory,
                starts_on=date(start, 3, 1),
                ends_on=date(start + 2, 12, 31),
            )


def _events(network, members, editors, coordinator) -> None:
    """Two held network meetings with their attendance, the next one planned, and a workshop whose cards
    became needs."""
    if network.events.exists():
        return
    berlin = ZoneInfo("Europe/Berlin")
    today = timezone.localdate()

    def at(day, hour):
        return datetime(day.year, day.month, day.day, hour, tzinfo=berlin)

    people = list(editors.values())
    for months_ago, host_key, present in ((5, "09362000", people), (2, "09763000", people[:3])):
        host = members[host_key]
        day = events.next_meeting_day(today - timedelta(days=30 * months_ago + 90))
        meeting = events.create_event(
            network=network, by=coordinator, title=f"Netzwerktreffen {day:%m/%Y}", host=host, starts_at=at(day, 10),
            ends_at=at(day, 15), place=f"Rathaus {host.short_name}", description=NOTE,
            agenda_items=["Begrüßung durch den Gastgeber", "Urbane Datenplattformen gemeinsam betreiben", "Termine"],
        )  # fmt: skip
        for person in people:
            events.register(meeting, user=person)
        events.save_minutes(
            meeting,
            minutes=f"{NOTE} Erfahrungen mit LoRaWAN und Datenplattformen ausgetauscht.",
            attended_user_ids={person.pk for person in present},
            by=coordinator,
        )
    day = events.next_meeting_day(today)
    host = events.propose_host(network, today)
    events.create_event(
        network=network, by=coordinator, title=f"Netzwerktreffen {day:%m/%Y}", host=host, starts_at=at(day, 10),
        ends_at=at(day, 15), place=f"Rathaus {host.short_name}", capacity=60, description=NOTE,
        agenda_items=["Begrüßung durch den Gastgeber", "Gemeinsame Dienste: Datenplattform und Terminvergabe"],
    )  # fmt: skip
    workshop_day = today - timedelta(days=40)  # held: its cards are needs already
    workshop = events.create_event(
        network=network, by=coordinator, kind=EventKind.WORKSHOP, title="Workshop Mobilität auf dem Land",
        audience=EventAudience.MEMBERS, host=members["09774"], starts_at=at(workshop_day, 13),
        ends_at=at(workshop_day, 17), online_url="https://konferenz.example/mobilitaet-bayern", description=NOTE,
        same_day_confirmed=True,
    )  # fmt: skip
    mobility = Domain.objects.get(key="mobilitaet")
    for key, text in (
        ("09272149", "Abends kein Bus in die Ortsteile"),
        ("09479135", "Rufbus nur telefonisch buchbar"),
    ):
        events.add_card(workshop, territory=members[key], domain=mobility, text=text, by=coordinator)
