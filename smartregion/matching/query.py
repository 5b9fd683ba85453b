"""What a match is asked for and what it answers: the query, results with their signals, exclusions."""

from dataclasses import dataclass, field
from functools import cached_property

from smartregion.core import text as german
from smartregion.taxonomy.models import Keyword
from smartregion.taxonomy.normalize import normalize_keyword
from smartregion.territories.queries import kreise_near

from . import weights as w


@dataclass
class MatchQuery:
    """What to find solutions for. `territory` is who asks (for proximity, context and eligibility)."""

    text: str
    domain_ids: tuple = ()
    territory: object = None
    funding_used_ids: tuple = ()
    label: str = ""

    @cached_property
    def nearby_kreise(self) -> list[int]:
        """Kreise whose centre lies within NEARBY_KM of the asking territory."""
        territory = self.territory
        if territory is None or territory.latitude is None:
            return []
        return kreise_near(territory.latitude, territory.longitude, w.NEARBY_KM)

    @cached_property
    def understanding(self):
        """The text as concepts of index terms (synonyms, compounds, spelling), see understanding.py."""
        from .understanding import understand

        return understand(self.text, self.territory)

    @cached_property
    def keyword_ids(self) -> list[int]:
        """Keywords named in the text (single words and pairs of words, normalised)."""
        words = german.words(self.text)
        forms = {normalize_keyword(word) for word in words}
        forms |= {normalize_keyword(first + second) for first, second in zip(words, words[1:], strict=False)}
        forms = {form for form in forms if len(form) > 2}
        if not forms:
            return []
        return list(Keyword.objects.filter(normalized__in=forms).values_list("pk", flat=True))


@dataclass
class Result:
    item: object
    score: float
    explanation: str
    signals: dict = field(default_factory=dict)


@dataclass
class Excluded:
    programme: object  # a FundingProgramme
    reason: str


@dataclass
class Matches:
    query: MatchQuery
    projects: list
    actors: list
    programmes: list
    excluded_programmes: list
    offerings: list = field(default_factory=list)  # offerings beyond grants (advice, platforms, labs …)


def territory_parts(territory):
    """(kreis id, regbez id, land id) of the asking territory (a Kreis or Land is its own)."""
    if territory is None:
        return None, None, None
    kreis = territory.pk if territory.kind == "kreis" else territory.kreis_id
    land = territory.pk if territory.kind == "land" else territory.land_id
    regbez = territory.pk if territory.kind == "regbez" else territory.regbez_id
    return kreis, regbez, land


def terms_of(text: str) -> list[str]:
    return german.significant_terms(text, limit=12)
