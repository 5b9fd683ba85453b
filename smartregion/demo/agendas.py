"""The demo's Digitalisierungskonzept for Jena, built through the services like everything else.

Everything in it is example content (labelled in the UI): the concepts, actors, goals, measures and
contributions are invented to show the workflow; programmes and the re-used project are real
catalog entries. The consultation is opened and closed, the decision recorded and progress reported,
so that every page of the loop has something to show.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from smartregion.actors.models import Actor
from smartregion.agendas import services as agenda_services
from smartregion.agendas.enums import BudgetSource, ConceptKind, MeasureStatus
from smartregion.agendas.models import Agenda
from smartregion.agendas.services import MeasurePlan
from smartregion.assessments.matrix import current_matrix
from smartregion.assessments.models import Cell
from smartregion.funding.models import FundingProgramme
from smartregion.participation import services as participation
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain

TITLE = "Beispiel: Digitale Agenda Jena 2026–2028"
NOTE = "Beispieldaten der Demo. "

CONCEPTS = [
    (
        ConceptKind.URBAN_DEVELOPMENT,
        "Integriertes Stadtentwicklungskonzept (Beispiel)",
        2022,
        "Stärkung der Innenstadt, bezahlbares Wohnen, kurze Wege zwischen Stadtteilen und Hochschulen.",
    ),
    (
        ConceptKind.CLIMATE,
        "Klimaschutzkonzept (Beispiel)",
        2021,
        "Klimaneutralität der Verwaltung bis 2035, Energiemonitoring aller kommunalen Gebäude, Wärmeplanung.",
    ),
    (
        ConceptKind.MOBILITY,
        "Mobilitätsplan (Beispiel)",
        2023,
        "Weniger Parksuchverkehr, bessere Anschlüsse im ÖPNV, sichere Radwege.",
    ),
]

# (title, description, domain keys, goal index, start, end, budgets per year offset, programme code,
#  funding note, milestones (title, months after start), kpis (name, unit, baseline, target), status)
MEASURES = [
    (
        "Urbane Datenplattform aufbauen",
        "Offene Plattform für Sensor-, Verkehrs- und Verwaltungsdaten mit Open-Data-Portal.",
        ["daten-plattformen"],
        0,
        (0, 1),
        (1, 12),
        [250000, 180000, 60000],
        "FP-042",
        "Eigenanteil 20 %",
        [("Ausschreibung vergeben", 4), ("Erste 20 Datensätze offen", 12)],
        [("offene Datensätze", "Anzahl", 5, 60)],
    ),
    (
        "LoRaWAN-Netz im Stadtgebiet",
        "Funknetz für Sensoren (Parken, Pegel, Bäume) nach dem Vorbild eines bayerischen Projekts.",
        ["infrastruktur-konnektivitaet"],
        0,
        (0, 3),
        (1, 6),
        [120000, 40000, 0],
        "",
        "Stadtwerke (Eigenmittel)",
        [("20 Gateways in Betrieb", 8)],
        [("Abdeckung Stadtgebiet", "%", 0, 90)],
    ),
    (
        "Parksensoren in der Innenstadt",
        "Freie Stellplätze in Echtzeit in der Stadt-App und als offene Daten.",
        ["mobilitaet"],
        1,
        (1, 1),
        (1, 12),
        [0, 95000, 15000],
        "FP-005",
        "",
        [("500 Sensoren verbaut", 6)],
        [("Parksuchverkehr", "Fahrzeuge/Tag", 4200, 3000)],
    ),
    (
        "Online-Terminvergabe in allen Bürgerämtern",
        "Termine für alle Dienstleistungen online, mit Erinnerung und Barrierefreiheit.",
        ["verwaltung"],
        2,
        (0, 2),
        (0, 12),
        [60000, 20000, 20000],
        "",
        "Haushalt Digitalisierung",
        [("Pilot Bürgeramt Mitte", 3)],
        [("online gebuchte Termine", "%", 15, 80)],
    ),
    (
        "Energiemonitoring kommunaler Gebäude",
        "Zähler in 120 Gebäuden, Lastgänge täglich, Berichte an den Rat.",
        ["energie-umwelt-klima"],
        1,
        (1, 4),
        (2, 9),
        [0, 140000, 90000],
        "FP-010",
        "",
        [("60 Gebäude angeschlossen", 8)],
        [("Energieverbrauch Liegenschaften", "MWh/a", 41000, 36000)],
    ),
    (
        "Beteiligungsplattform für Stadtteilprojekte",
        "Ideen, Kommentare und Abstimmungen zu Stadtteilbudgets online.",
        ["gesellschaft-teilhabe-kultur"],
        2,
        (2, 1),
        (2, 12),
        [0, 0, 45000],
        "",
        "Stadtteilbudgets",
        [],
        [("Beteiligte je Jahr", "Personen", 0, 2500)],
    ),
]

GOALS = [
    (
        "Daten als gemeinsame Grundlage",
        "Daten der Stadt und ihrer Partner sind offen, aktuell und verknüpft.",
        [("daten-plattformen", "daten", 3), ("infrastruktur-konnektivitaet", "infrastruktur", 3)],
    ),
    (
        "Klimafreundlich und mobil",
        "Weniger Verkehr und Energie durch Messung und Steuerung.",
        [("mobilitaet", "services", 3), ("energie-umwelt-klima", "daten", 3)],
    ),
    (
        "Verwaltung und Beteiligung digital",
        "Jede Dienstleistung online, jede Stimme zählt.",
        [("verwaltung", "services", 4), ("gesellschaft-teilhabe-kultur", "beteiligung", 3)],
    ),
]


# Example split of a measure's yearly amounts: with a programme, this share is Fördermittel and the rest
# Eigenanteil; without, all of it is Eigenanteil. Running costs after the project: a share of the total.
EXAMPLE_FUNDING_RATE = Decimal("0.8")
EXAMPLE_FOLLOW_UP_RATE = Decimal("0.1")


def _split_budgets(amounts, *, start: int, programme_code: str, last_year: int) -> dict:
    budgets = {}
    for offset, amount in enumerate(amounts):
        if not amount:
            continue
        amount = Decimal(amount)
        funding = (amount * EXAMPLE_FUNDING_RATE).quantize(Decimal("1")) if programme_code else Decimal(0)
        budgets[(start + offset, BudgetSource.FUNDING)] = funding
        budgets[(start + offset, BudgetSource.OWN_SHARE)] = amount - funding
    budgets[(last_year + 1, BudgetSource.FOLLOW_UP)] = (
        sum(Decimal(amount) for amount in amounts) * EXAMPLE_FOLLOW_UP_RATE
    ).quantize(Decimal("1"))
    return budgets


def build_example_agenda(*, jena, editor, citizen, expert_user, admin) -> Agenda | None:
    if Agenda.all_objects.filter(territory=jena, title=TITLE).exists():
        return None
    today = timezone.localdate()
    start = today.year
    agenda = agenda_services.create_agenda(
        territory=jena, title=TITLE, start_year=start, target_year=start + 4, by=editor, is_example=True
    )
    agenda = agenda_services.update_agenda(
        agenda,
        expected_revision=agenda.revision,
        by=editor,
        challenges=NOTE + "Wachsende Stadt mit wenig Fläche; viele Daten liegen verteilt in Ämtern und Stadtwerken; "
        "Bürgerinnen und Bürger erwarten Dienstleistungen rund um die Uhr; der Klimaschutz verlangt Messwerte.",
        vision=NOTE
        + f"Jena ist {start + 4} eine Stadt, in der Daten allen nutzen: offen, sicher und gemeinsam gestaltet. "
        "Verwaltung, Stadtwerke, Hochschulen und Stadtgesellschaft arbeiten auf einer gemeinsamen Plattform.",
    )
    for kind, title, year, summary in CONCEPTS:
        agenda_services.add_concept(
            agenda, by=editor, kind=kind, title=title, year=year, summary=NOTE + summary, url=""
        )
    actors = []
    for actor in Actor.objects.filter(name__in=["Dr. Eva Expertin", "Ole Offen", "Sven Sensor"]).order_by("name"):
        actors.append(
            agenda_services.add_actor(agenda, by=editor, actor=actor, sector=actor.sector, role="Fachliche Begleitung")
        )
    for name, organisation, sector, role in [
        (
            "Fachdienst Digitalisierung",
            "Stadtverwaltung Jena (Beispiel)",
            "verwaltung",
            "Federführung und Projektsteuerung",
        ),
        ("Ausschuss für Stadtentwicklung", "Stadtrat (Beispiel)", "politik", "Begleitung und Beschluss"),
        ("Stadtwerke (Beispiel)", "kommunales Unternehmen", "wirtschaft", "Betrieb von Netz und Sensoren"),
        ("Stadtteilforum (Beispiel)", "Verein", "zivilgesellschaft", "Beteiligung in den Stadtteilen"),
    ]:
        actors.append(
            agenda_services.add_actor(agenda, by=editor, name=name, organisation=organisation, sector=sector, role=role)
        )
    matrix = current_matrix()
    goals = []
    for title, description, targets in GOALS:
        goal = agenda_services.add_goal(
            agenda, by=editor, title=title, description=NOTE + description, target_year=start + 4
        )
        for domain_key, dimension_key, level in targets:
            cell = Cell.objects.select_related("dimension").get(
                matrix=matrix, domain__key=domain_key, dimension__key=dimension_key
            )
            agenda_services.set_goal_target(goal, cell=cell, target_level=level, by=editor)
        goals.append(goal)
    lead = actors[3] if len(actors) > 3 else None
    adopted = (
        Project.objects.filter(title__icontains="LoRaWAN", land__ars="09", publication="published")
        .order_by("pk")
        .first()
    )
    measures = []
    for index, (
        title,
        description,
        domain_keys,
        goal_index,
        begin,
        finish,
        budgets,
        code,
        note,
        milestones,
        kpis,
    ) in enumerate(MEASURES):
        starts_on = date(start + begin[0], begin[1], 1)
        ends_on = date(start + finish[0], finish[1], 28)
        plan = MeasurePlan(
            goals=[goals[goal_index]],
            domains=list(Domain.objects.filter(key__in=domain_keys)),
            depends_on=[measures[1]] if index == 2 and len(measures) > 1 else ([measures[0]] if index == 5 else []),
            budgets=_split_budgets(budgets, start=start, programme_code=code, last_year=start + finish[0]),
            milestones=[{"title": m, "due_on": starts_on + timedelta(days=30 * months)} for m, months in milestones],
            kpis=[{"name": n, "unit": u, "baseline": Decimal(b), "target": Decimal(t)} for n, u, b, t in kpis],
        )
        measures.append(
            agenda_services.add_measure(
                agenda,
                by=editor,
                plan=plan,
                title=title,
                description=NOTE + description,
                responsible_actor=lead,
                responsible_territory=jena,
                partners="Stadtwerke, Hochschulen" if index < 3 else "",
                starts_on=starts_on,
                ends_on=ends_on,
                funding_programme=FundingProgramme.objects.filter(code=code).first() if code else None,
                funding_note=note,
                adopted_from=adopted if index == 1 else None,
            )
        )
    _consultation(agenda, measures, editor=editor, citizen=citizen, expert_user=expert_user, admin=admin, today=today)
    agenda.refresh_from_db()
    agenda_services.close_consultation(agenda, by=editor)  # its last day: the council decides after it
    agenda_services.record_decision(agenda, decision_date=today, decision_reference="Beispiel BV/2026/0815", by=editor)
    agenda_services.start_implementation(agenda, by=editor)
    agenda_services.record_progress(
        measures[0],
        reported_on=today,
        status=MeasureStatus.RUNNING,
        progress=35,
        note=NOTE + "Plattform ausgeschrieben, Zuschlag erteilt.",
        kpi_values={measures[0].kpis.first().pk: Decimal(12)},
        by=editor,
    )
    agenda_services.record_progress(
        measures[3],
        reported_on=today,
        status=MeasureStatus.DELAYED,
        progress=20,
        note=NOTE + "Schnittstelle zum Fachverfahren verzögert sich.",
        by=editor,
    )
    return agenda


def _consultation(agenda, measures, *, editor, citizen, expert_user, admin, today) -> None:
    agenda_services.open_consultation(agenda, starts_on=today - timedelta(days=28), ends_on=today, by=editor)
    agenda.refresh_from_db()
    consultation = agenda.consultation
    participation.add_comment(
        consultation,
        part_key="vision",
        part_label="Vision und Ziele",
        by=citizen,
        text="Beispiel: Bitte auch an ältere Menschen denken – nicht alles nur per App.",
    )
    participation.add_comment(
        consultation,
        part_key=f"massnahme:{measures[2].pk}",
        part_label=f"{measures[2].code} {measures[2].title}",
        by=expert_user,
        text="Beispiel: Die Parkdaten sollten als offene Daten (DATEX II) bereitgestellt werden.",
    )
    spam = participation.add_comment(
        consultation, part_key="akteure", part_label="Akteure", by=citizen, text="Beispiel: Werbung für ein Gewinnspiel"
    )
    participation.hide_contribution(spam, reason="Werbung (Beispiel für Moderation)", by=editor)
    benches = participation.propose_idea(
        consultation,
        by=citizen,
        title="Beispiel: Sensoren für Sitzbänke und Schatten",
        text="Zeigen, wo im Sommer schattige Bänke frei sind.",
    )
    wifi = participation.propose_idea(
        consultation,
        by=expert_user,
        title="Beispiel: Offenes WLAN an Haltestellen",
        text="Kostenloses WLAN an den wichtigsten Haltestellen.",
    )
    for idea, people in ((wifi, [citizen, admin]), (benches, [expert_user])):  # nobody supports her own idea
        for person in people:
            participation.support_idea(idea, by=person)
    participation.handle_idea(
        wifi, handling="teilweise", note="Beispiel: in M2 (LoRaWAN-Netz) geprüft, WLAN folgt 2028.", by=editor
    )
    participation.handle_idea(
        benches, handling="abgelehnt", note="Beispiel: zu geringer Nutzen im Verhältnis zu den Kosten.", by=editor
    )
    participation.set_conclusion(
        consultation,
        by=editor,
        conclusion=NOTE + "Die Beteiligung hat zwei Ideen und mehrere Hinweise gebracht; "
        "der Hinweis zu offenen Parkdaten wurde in M3 übernommen.",
    )
