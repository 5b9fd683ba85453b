import pytest

from smartregion.taxonomy.models import Domain, Keyword
from smartregion.taxonomy.normalize import normalize_keyword
from smartregion.taxonomy.services import keywords_for, load_taxonomy

pytestmark = pytest.mark.django_db


def test_twelve_domains_with_crosswalk_in_both_languages():
    domains = list(Domain.objects.order_by("position"))
    assert len(domains) == 12
    assert domains[0].label_de == "Verwaltung & Bürgerservices"
    assert domains[-1].label_de == "Land- & Forstwirtschaft / Ländlicher Raum"
    assert all(domain.label_en and domain.bitkom_areas and domain.u4ssc_dimensions for domain in domains)


def test_loading_again_changes_nothing():
    assert load_taxonomy() == (0, 0)


@pytest.mark.parametrize("spelling", ["LoRaWAN", "lorawan", "LoRa-WAN", "Lora Wan"])
def test_keyword_spellings_are_one(spelling):
    assert normalize_keyword(spelling) == "lorawan"


def test_keywords_for_reuses_the_first_spelling():
    first = keywords_for(["LoRaWAN"])[0]
    again = keywords_for(["lora-wan", "LORAWAN"])
    assert again == [first]
    assert Keyword.objects.filter(normalized="lorawan").count() == 1
