"""Many needs of many members matched at once (a network's funding gaps), sharing what they have in common.

A network of 600 members has 3,000 needs, most of them the matrix's gap texts again and again. `BatchMatcher` asks
the understanding index once for every distinct text and place words, matches needs of the same text and
Handlungsfelder of members alike for the matching (`asker`) once, and lets `programmes.Memo` keep the programmes
fitting a topic and each programme's eligibility per kind of member.
"""

from datetime import date

from smartregion.funding import eligibility
from smartregion.funding.enums import Level as FundingLevel
from smartregion.funding.enums import applicant_groups
from smartregion.territories.enums import TerritoryKind

from .offerings import land_code_of, match_offerings, target_groups_of
from .programmes import Memo, match_programmes, programme_catalogue
from .query import MatchQuery
from .understanding import _place_terms, _words, understand_many


def _population_thresholds() -> tuple[tuple, tuple]:
    """The population limits of the programmes (maxima, minima): eligibility reads a population only
    against them."""
    programmes = programme_catalogue().programmes
    maxima = sorted({programme.population_max for programme in programmes if programme.population_max})
    minima = sorted({programme.population_min for programme in programmes if programme.population_min})
    return tuple(maxima), tuple(minima)


def blocked_reason(programme, territory) -> str:
    """Which reason closes a topic-fitting programme to the territory, in the order eligibility asks: "land",
    "applicant", "population" or "closed" (no open deadline, or not combinable)."""
    land = territory.land_id or (territory.pk if territory.kind == TerritoryKind.LAND else None)
    if programme.level == FundingLevel.LAND and programme.land_id != land:
        return "land"
    if not eligibility.applicant_kinds(territory) & set(applicant_groups(programme.applicants)):
        return "applicant"
    population = territory.population
    if (programme.population_max and population and population > programme.population_max) or (
        programme.population_min and population is not None and population < programme.population_min
    ):
        return "population"
    return "closed"


class BatchMatcher:
    """Matches (text, Handlungsfelder, asking territory) for one day; `outcome` answers (programmes shown,
    offerings shown, the fitting programmes closed to the territory with their reason, the blocked reasons)."""

    def __init__(self, *, today: date, domains: dict):
        self.today, self.domains = today, domains
        self.thresholds = _population_thresholds()
        self.memo = Memo(
            topic_key=lambda query: (query.text, query.domain_ids, self.place_words(query)),
            asker_key=self.asker,
        )
        self._words: dict = {}  # text → its main words
        self._understood: dict = {}  # (text, place words) → the understanding of the text
        self._outcomes: dict = {}  # (text, Handlungsfelder, place words, asker) → outcome

    def asker(self, territory) -> tuple:
        """Everything of the asking territory the programme and offering matching read (eligibility: Land, legal
        form, population against the programmes' limits; offerings: Land key, target groups): two territories
        alike in this get the same programmes and offerings for the same need."""
        maxima, minima = self.thresholds
        population = territory.population
        return (
            territory.land_id or (territory.pk if territory.kind == TerritoryKind.LAND else None),
            land_code_of(territory),
            territory.legal_form,
            frozenset(target_groups_of(territory) or ()),
            target_groups_of(territory) is None,
            population is None,
            tuple(bool(population) and population > limit for limit in maxima),
            tuple(population is not None and population < limit for limit in minima),
        )

    def place_words(self, query: MatchQuery) -> frozenset:
        """The words of the text that name the asking territory (understanding leaves them out)."""
        words = self._words.get(query.text)
        if words is None:
            words = self._words[query.text] = frozenset(main for _typed, main, _parts in _words(query.text, set()))
        return words & frozenset(_place_terms(query.territory))

    def understand_all(self, queries: list[MatchQuery]) -> None:
        """The understanding of every distinct text and place words, the index asked for all at once."""
        asked = {}
        for query in queries:
            asked.setdefault((query.text, self.place_words(query)), query.territory)
        understood = understand_many([(text, territory) for (text, _place), territory in asked.items()])
        self._understood.update(zip(asked, understood, strict=True))

    def outcome(self, query: MatchQuery) -> tuple:
        place = self.place_words(query)
        key = (query.text, query.domain_ids, place, self.asker(query.territory))
        if key not in self._outcomes:
            understood = (query.text, place)
            if understood not in self._understood:
                self.understand_all([query])
            query.__dict__["understanding"] = self._understood[understood]  # the cached_property's slot
            shown, excluded = match_programmes(query, today=self.today, limit=1, domains=self.domains, memo=self.memo)
            offerings = 0 if shown else len(match_offerings(query, limit=1, domains=self.domains))
            reasons = [f"{entry.programme.short_name or entry.programme.name} ({entry.reason})" for entry in excluded]
            blocked = frozenset(blocked_reason(entry.programme, query.territory) for entry in excluded)
            self._outcomes[key] = (len(shown), offerings, reasons, blocked)
        return self._outcomes[key]
