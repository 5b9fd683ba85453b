import pytest

from smartregion.territories.enums import TerritoryKind
from smartregion.territories.models import Territory
from smartregion.territories.queries import distance_km, kreise_near

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("km", [5, 25, 60, 150])
def test_kreise_near_finds_exactly_the_kreise_within_reach(jena, km):
    every_kreis = Territory.objects.filter(kind=TerritoryKind.KREIS, latitude__isnull=False)
    expected = {
        kreis.pk
        for kreis in every_kreis
        if distance_km(jena.latitude, jena.longitude, kreis.latitude, kreis.longitude) <= km
    }
    assert set(kreise_near(jena.latitude, jena.longitude, km)) == expected
    if km >= 60:
        assert len(expected) > 3  # the box must not cut off real neighbours
