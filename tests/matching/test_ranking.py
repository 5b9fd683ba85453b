"""The project ranking understands officers (ADR 0020): compounds, synonyms, typos, Handlungsfelder
inferred from the text, the asking territory's name left out, and place only as a tie-breaker."""

import pytest

from smartregion.matching import engine
from smartregion.matching.understanding import understand
from smartregion.projects import match_index
from smartregion.projects import services as project_services
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from ..factories import UserFactory


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True)


def _project(admin, territory, title, *, summary="Ein Vorhaben der Kommune.", domain="verwaltung", **fields):
    project = project_services.create_project(
        by=admin,
        lead_territory=territory,
        title=title,
        summary=summary,
        primary_domain=Domain.objects.get(key=domain),
        status=fields.pop("status", "betrieb"),
        **fields,
    )
    return project_services.publish_project(project, by=admin)


def _ranked(text, territory=None, **query):
    return engine.match_projects(engine.MatchQuery(text=text, territory=territory, **query), limit=50)


def test_the_index_counts_follow_every_write(admin, jena):
    before = match_index.lookup(["zwergpinguin"], [])["documents"]
    project = _project(admin, jena, "Zwergpinguinzählung und Zwergpinguin-Monitoring")
    after = match_index.lookup(["zwergpinguin", "zwergpinguinzahl", "monitoring"], [])["documents"]
    assert before["zwergpinguin"] == 0
    assert after["zwergpinguin"] == 1 and after["zwergpinguinzahl"] == 1  # the part of the hyphenated word
    assert after[match_index.DOCUMENTS] == before[match_index.DOCUMENTS] + 1
    project_services.update_project(project, expected_revision=project.revision, by=admin, title="Vogelzählung")
    edited = match_index.lookup(["zwergpinguin", "zwergpinguinzahl", "vogelzahl"], [])["documents"]
    assert (edited["zwergpinguin"], edited["zwergpinguinzahl"], edited["vogelzahl"]) == (0, 0, 1)
    assert edited[match_index.DOCUMENTS] == after[match_index.DOCUMENTS]


def test_compounds_joined_split_and_as_parts(admin, jena):
    app = _project(admin, jena, "Zaunkönig-App für Vogelfreunde")
    sensors = _project(admin, jena, "Zaunkönigsensoren im Stadtwald")
    nest = _project(admin, jena, "Kamera am Nest", summary="Ein Sensor beobachtet den Zaunkönig.")
    # A hyphenated word is found written as one word, and as its parts.
    assert [result.item for result in _ranked("Zaunkönigapp")] == [app]
    # A word finds the longer compounds holding it ("Zaunkönig" → "Zaunkönigsensoren").
    assert {app, sensors, nest} <= {result.item for result in _ranked("Zaunkönig")}
    # A compound finds projects that name its parts apart ("Zaunkönigsensor" → "Sensor … Zaunkönig").
    found = [result.item for result in _ranked("Zaunkönigsensor")]
    assert found[0] == sensors and nest in found
    concept = understand("Zaunkönigsensor").concepts[0]
    assert {(alternative.terms, alternative.kind) for alternative in concept.alternatives} >= {
        (("zaunkonigsensor",), "word"),
        (("zaunkon", "sensor"), "parts"),  # Zaunkönig stems to zaunkon
    }


def test_synonyms_and_related_phrasings_from_the_vocabulary(admin, jena):
    office = _project(admin, jena, "Gemeinschaftsbüro im alten Bahnhof", domain="wirtschaft-handel-tourismus")
    results = {result.item: result for result in _ranked("Dorfbüro", jena)}
    assert office in results
    assert "Suchbegriffe (Dorfbüro ~ Gemeinschaftsbüro)" in results[office].explanation
    # Nobody names it "Pendler", but that is who needs it: a related word of the same group.
    related = {result.item: result for result in _ranked("Pendler", jena)}
    assert office in related and "Suchbegriffe (Gemeinschaftsbüro)" in related[office].explanation


def test_typos_are_corrected_against_the_index(admin, jena):
    bridge = _project(admin, jena, "Wildtierbrücke über die Landstraße", domain="mobilitaet")
    results = _ranked("Wildtierbrüke", jena)
    assert results[0].item == bridge
    assert "Suchbegriffe (Wildtierbrüke)" in results[0].explanation
    concept = understand("Wildtierbrüke").concepts[0]
    assert [(alternative.terms, alternative.kind) for alternative in concept.alternatives][-1] == (
        ("wildtierbruck",),
        "typo",
    )


def test_the_handlungsfeld_is_inferred_from_the_text_and_named(admin, jena):
    summary = "Testcontainer melden ihre Füllstände per Funk."
    school = _project(admin, jena, "Füllstandsmessung Testcontainer Schule", summary=summary, domain="bildung")
    waste = _project(
        admin, jena, "Füllstandsmessung Testcontainer Bauhof", summary=summary, domain="energie-umwelt-klima"
    )
    results = _ranked("Füllstand Testcontainer")
    ranked = [result.item for result in results]
    assert ranked.index(waste) < ranked.index(school)
    explanation = results[ranked.index(waste)].explanation
    assert "Handlungsfeld Energie, Umwelt & Klima (aus dem Text erkannt)" in explanation
    assert "aus dem Text erkannt" not in results[ranked.index(school)].explanation
    # Given by the asker, the Handlungsfeld decides alike and is not called inferred.
    given = _ranked("Füllstand Testcontainer", domain_ids=(Domain.objects.get(key="bildung").pk,))
    ordered = [result.item for result in given]
    assert ordered.index(school) < ordered.index(waste)
    assert "aus dem Text erkannt" not in given[ordered.index(school)].explanation


def test_place_breaks_ties_and_never_outweighs_relevance(admin, jena, ilmenau):
    far = Territory.objects.get(ags="09162000")  # München
    text = "Digitale Kuhglockenortung für Almwirtschaft"
    near = _project(admin, ilmenau, text, domain="laendlicher-raum")
    distant = _project(admin, far, text, domain="laendlicher-raum")
    # Equally relevant: the nearer one first, and its sentence says how near it is.
    results = _ranked("Kuhglockenortung", jena)
    assert [result.item for result in results][:2] == [near, distant]
    assert "km entfernt" in results[0].explanation and "km entfernt" not in results[1].explanation
    # More relevant far away beats barely relevant next door.
    weak = _project(admin, jena, "Weidezaun-Kontrolle", summary="Nebenbei wird eine Kuhglockenortung erwogen.")
    strong = _project(admin, far, "Kuhglockenortung und Almglocken-Kuhglockenortung", domain="laendlicher-raum")
    ranked = [result.item for result in _ranked("Kuhglockenortung", jena)]
    assert ranked.index(strong) < ranked.index(weak)


def test_the_asking_territorys_name_says_where_not_what(admin, jena):
    festival = _project(admin, jena, "Jena feiert: Stadtfest-App")
    portal = _project(admin, Territory.objects.get(ags="09162000"), "Portal für Flohmarktdaten")
    found = [result.item for result in _ranked("Flohmarktdaten Jena", jena)]
    assert found == [portal] and festival not in found


def test_ten_results_when_ten_relevant_exist(admin, jena):
    for number in range(12):
        _project(admin, jena, f"Gießkannenverleih {number}")
    assert len(engine.match_projects(engine.MatchQuery(text="Gießkannenverleih", territory=jena))) == 10


def test_a_short_list_is_filled_up_on_topic_only(admin, jena):
    """Few strong hits: weaker ones in the query's Handlungsfeld fill up to ten, weaker ones elsewhere do not."""
    strong = _project(
        admin,
        jena,
        "Alpakaweide mit Wollsensor und Schurkalender",
        summary="Der Wollsensor auf der Alpakaweide meldet den Schurkalender.",
        domain="laendlicher-raum",
    )
    filler = "Ein langer Bericht über Wege, Brücken, Bänke, Hecken, Zäune, Gräben, Feldraine und Obstwiesen."
    weak_on_topic = [
        _project(
            admin, jena, f"Dorfpflege {n}", problem=f"{filler} {filler} Eine Alpakaweide.", domain="laendlicher-raum"
        )
        for n in range(3)
    ]
    weak_elsewhere = _project(
        admin, jena, "Bauhof", problem=f"{filler} {filler} Eine Alpakaweide.", domain="verwaltung"
    )
    domain = Domain.objects.get(key="laendlicher-raum")
    results = _ranked("Alpakaweide Wollsensor Schurkalender", domain_ids=(domain.pk,))
    found = [result.item for result in results]
    assert found[0] == strong
    assert set(weak_on_topic) <= set(found[1:]) and weak_elsewhere not in found
