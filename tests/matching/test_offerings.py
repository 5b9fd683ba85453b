"""Issue 22: offerings beyond grants beside the programmes: only where the territory may use them, only on
topic, each with one sentence saying what it is, for whom and why it fits."""

import pytest

from smartregion.matching import engine
from smartregion.offerings.importer import import_offerings
from smartregion.offerings.models import Offering
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory


@pytest.fixture
def offerings(db):
    import_offerings()
    return Offering.objects


def _codes(text="", *, territory=None, domain=None):
    domain_ids = (Domain.objects.get(key=domain).pk,) if domain else ()
    query = engine.MatchQuery(text=text, domain_ids=domain_ids, territory=territory)
    return {result.item.code: result for result in engine.match_offerings(query, limit=60)}


def test_a_land_offering_only_for_territories_in_that_land(offerings, jena):
    bayern = Territory.objects.get(ags="09162000")  # München
    security = "Beratung zur Informationssicherheit der Verwaltung"
    assert "ANG-012" in _codes(security, territory=bayern, domain="sicherheit-katastrophenschutz")
    assert "ANG-012" not in _codes(
        security, territory=jena, domain="sicherheit-katastrophenschutz"
    )  # a Bavarian offering
    thuringia = _codes("Online-Anträge für Verwaltungsleistungen", territory=jena, domain="verwaltung")
    assert "ANG-022" in thuringia
    sentence = thuringia["ANG-022"].explanation
    assert sentence.startswith("kostenfreie Plattform") and "Angebot in Thüringen" in sentence


def test_discontinued_and_off_topic_offerings_are_never_proposed(offerings, jena):
    shown = _codes("Breitbandausbau Glasfaser", territory=jena, domain="infrastruktur-konnektivitaet")
    assert "ANG-029" not in shown  # the Thuringian broadband centre was closed (source of 23.05.2022)
    assert Offering.objects.get(code="ANG-029").status == "eingestellt"
    assert all("Infrastruktur" in result.explanation or "Begriffe" in result.explanation for result in shown.values())
    assert _codes("Kita-Anmeldung", territory=jena, domain="bildung").keys().isdisjoint({"ANG-022"})


def test_the_kind_of_territory_must_be_a_target_group(offerings, jena):
    for offering in Offering.objects.filter(code__in=["ANG-022"]):
        offering.target_groups = ["Landkreis"]
        offering.save(update_fields=["target_groups"])
    text = "Online-Anträge für Verwaltungsleistungen"
    assert "ANG-022" not in _codes(text, territory=Territory.objects.get(ags="16070029"), domain="verwaltung")
    assert "ANG-022" in _codes(text, territory=Territory.objects.get(ags="16070"), domain="verwaltung")
