"""Example entries of the Experten-Forum for the demo: fictional people and organisations, marked as examples,
with reference projects from the real catalog; the demo expert account keeps its own profile."""

from smartregion.actors import services as actor_services
from smartregion.actors.enums import ActorKind, ContactVisibility, Sector
from smartregion.actors.models import Actor
from smartregion.projects.enums import Origin
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories.enums import TerritoryKind
from smartregion.territories.models import Territory

ACTOR_NOTE = "Beispieleintrag der Demo – Person und Angaben sind erfunden."

# (name, kind, sector, organisation, domain keys, keywords, region keys, available for review)
EXAMPLE_ACTORS = [
    (
        "Moritz Mobil",
        ActorKind.PERSON,
        Sector.BUSINESS,
        "Beispiel Verkehrsdaten GmbH",
        ["mobilitaet"],
        ["Parksensoren", "GTFS", "On-Demand"],
        ["16", "09"],
        False,
    ),
    (
        "Sven Sensor",
        ActorKind.PERSON,
        Sector.BUSINESS,
        "Beispiel Funknetze GmbH",
        ["infrastruktur-konnektivitaet", "daten-plattformen"],
        ["LoRaWAN", "Sensorik"],
        ["09"],
        True,
    ),
    (
        "Lena Land",
        ActorKind.PERSON,
        Sector.CIVIL_SOCIETY,
        "Beispiel Dorfverein e. V.",
        ["laendlicher-raum", "gesellschaft-teilhabe-kultur"],
        ["Dorfladen", "Ehrenamt"],
        ["16"],
        False,
    ),
    (
        "Dr. Gesa Gesundheit",
        ActorKind.PERSON,
        Sector.SCIENCE,
        "Beispiel-Hochschule für Gesundheit",
        ["gesundheit-pflege"],
        ["Telemedizin", "Pflege"],
        ["16", "09"],
        True,
    ),
    (
        "Bernd Bildung",
        ActorKind.PERSON,
        Sector.ADMINISTRATION,
        "Beispiel-Schulamt",
        ["bildung"],
        ["Schul-IT", "Digitalpakt"],
        ["16"],
        False,
    ),
    (
        "Erika Energie",
        ActorKind.PERSON,
        Sector.BUSINESS,
        "Beispiel Stadtwerke-Beratung",
        ["energie-umwelt-klima"],
        ["Wärmeplanung", "Smart Meter"],
        ["09"],
        True,
    ),
    (
        "Ole Offen",
        ActorKind.PERSON,
        Sector.SCIENCE,
        "Beispiel-Institut für offene Daten",
        ["daten-plattformen", "verwaltung"],
        ["Open Data", "Urbane Datenplattform"],
        [],
        True,
    ),
    (
        "Netzwerk Digitale Dörfer (Beispiel)",
        ActorKind.ORGANISATION,
        Sector.CIVIL_SOCIETY,
        "",
        ["laendlicher-raum", "verwaltung"],
        ["DorfFunk", "Bürgerbeteiligung"],
        ["16", "09"],
        False,
    ),
]


def _reference_projects(domain_keys, land_keys, limit=2):
    projects = Project.objects.filter(origin=Origin.IMPORTED, primary_domain__key__in=domain_keys)
    if land_keys:
        projects = projects.filter(land__ars__in=land_keys)
    return list(projects.order_by("pk")[:limit])


def example_actors(admin, expert) -> None:
    """Example entries of the Experten-Forum (fictional people, marked as examples); the demo expert
    account keeps its own profile."""
    if Actor.objects.exists():
        return
    lands = {land.ars: land for land in Territory.objects.filter(kind=TerritoryKind.LAND)}
    actor_services.create_actor(
        by=expert,
        own_profile=True,
        consent=True,
        kind=ActorKind.PERSON,
        name=expert.full_name,
        organisation="Beispiel-Hochschule für Verwaltungsdigitalisierung",
        role="Professorin",
        sector=Sector.SCIENCE,
        description=ACTOR_NOTE + " Begleitet Kommunen bei OZG-Umsetzung und Peer-Reviews der Smart-Region-Matrix.",
        available_forum=True,
        available_review=True,
        email=expert.email,
        email_visibility=ContactVisibility.MEMBERS,
        website="https://example.org/eva-expertin",
        website_visibility=ContactVisibility.PUBLIC,
        phone="+49 30 000000",
        phone_visibility=ContactVisibility.HIDDEN,
        domains=list(Domain.objects.filter(key__in=["verwaltung", "daten-plattformen"])),
        keywords=["OZG", "Online-Terminvergabe", "Open Data"],
        regions=[lands["16"], lands["09"]],
        reference_projects=_reference_projects(["verwaltung"], ["16", "09"]),
    )
    for name, kind, sector, organisation, domain_keys, keywords, region_keys, review in EXAMPLE_ACTORS:
        actor_services.create_actor(
            by=admin,
            consent=True,
            reason="Beispieldaten der Demo (fiktive Personen)",
            kind=kind,
            name=name,
            organisation=organisation,
            sector=sector,
            description=ACTOR_NOTE,
            nationwide=not region_keys,
            available_forum=True,
            available_review=review,
            website="https://example.org/" + name.lower().split()[-1],
            website_visibility=ContactVisibility.PUBLIC,
            email=f"{name.lower().split()[-1]}@example.org",
            email_visibility=ContactVisibility.MEMBERS,
            domains=list(Domain.objects.filter(key__in=domain_keys)),
            keywords=keywords,
            regions=[lands[key] for key in region_keys],
            reference_projects=_reference_projects(domain_keys, region_keys),
        )
