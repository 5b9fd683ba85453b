"""Funding programmes: a topic fit first, then eligibility (Land, applicant kind, population, open call,
stacking) as a hard filter, then rank.

A programme is considered only when it fits the topic: one of its Handlungsfelder is one the need names
(or, when it names none, one its text speaks of: the vocabulary's evidence, as for projects), or its own
text shares specific words with the need (words few programmes use: at least two of the need's concepts,
or one in the programme's name). One shared common word ("digital", "Dorf", "Stadt") is never enough.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from smartregion.core.freshness import Kept
from smartregion.funding import eligibility
from smartregion.funding.enums import Level, Stacking
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.projects import match_index
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from . import weights as w
from .query import Excluded, MatchQuery, Result, territory_parts


def _stacking_conflict(programme, used: list) -> str:
    """Why `programme` cannot be combined with the funding already used, or ''."""
    for other in used:
        if other.pk == programme.pk:
            return _("wird bereits genutzt")
        if other.pk in programme.excluded_ids:
            return _("nicht kombinierbar mit %(other)s") % {"other": other}
        if other.stacking == Stacking.NO:
            return _("%(other)s ist mit keiner weiteren Förderung kombinierbar") % {"other": other}
    if used and programme.stacking == Stacking.NO:
        return _("nicht mit anderer Förderung kombinierbar")
    return ""


@dataclass(frozen=True)
class _Deadline:
    closes_on: date


def _programme_stems(programme) -> tuple[frozenset, frozenset]:
    """Index terms (as the project index stems them) of a programme's name and description, and of its name."""
    name = frozenset(match_index.stems(f"{programme.name} {programme.short_name}"))
    return name | frozenset(match_index.stems(programme.description)), name


def _programme_relations():
    """Handlungsfelder, deadlines and exclusions of all programmes in three plain queries (a prefetch
    would send every programme id to the database twice)."""
    domains: dict[int, set] = {}
    for programme_id, domain_id in FundingProgramme.domains.through.objects.values_list(
        "fundingprogramme_id", "domain_id"
    ):
        domains.setdefault(programme_id, set()).add(domain_id)
    deadlines: dict[int, list] = {}
    for programme_id, closes_on in Deadline.objects.order_by("closes_on").values_list("programme_id", "closes_on"):
        deadlines.setdefault(programme_id, []).append(_Deadline(closes_on))
    excluded: dict[int, set] = {}
    for first, second in FundingProgramme.excludes.through.objects.values_list(
        "from_fundingprogramme_id", "to_fundingprogramme_id"
    ):
        excluded.setdefault(first, set()).add(second)
        excluded.setdefault(second, set()).add(first)
    return domains, deadlines, excluded


# What eligibility, ranking and the result list read of a programme (the rest stays in the database).
PROGRAMME_FIELDS = [
    "code",
    "name",
    "short_name",
    "description",
    "level",
    "land",
    "applicants",
    "population_min",
    "population_max",
    "max_rate_percent",
    "funding_kind",
    "funding_type",
    "deadline_rule",
    "stacking",
    "valid_until",
    "status",
    "as_of",
    "updated_at",
]


@dataclass
class _Catalogue:
    programmes: list
    domains_of: dict
    deadlines_of: dict
    choices: list  # (code, label) by name: the "funding already used" select
    stems: dict  # programme id → index terms of its name and description
    name_stems: dict  # programme id → index terms of its name
    programme_frequency: Counter  # index term → number of programmes using it


def _build_catalogue() -> _Catalogue:
    programmes = list(
        FundingProgramme.objects.select_related("land").only(*PROGRAMME_FIELDS, "land__name", "land__short_name")
    )
    domains_of, deadlines_of, excluded_ids = _programme_relations()
    for programme in programmes:
        programme.excluded_ids = excluded_ids.get(programme.pk, set())
    choices = [(programme.code, str(programme)) for programme in sorted(programmes, key=lambda item: item.name)]
    stems, name_stems = {}, {}
    for programme in programmes:
        stems[programme.pk], name_stems[programme.pk] = _programme_stems(programme)
    frequency = Counter(term for terms in stems.values() for term in terms)
    return _Catalogue(programmes, domains_of, deadlines_of, choices, stems, name_stems, frequency)


# All programmes with their relations, read once per process and again only after a change: a few
# hundred rows that every match needs, which change a few times a year. Stemming 500 descriptions
# takes about a second, so one worker builds the catalogue and the others read it from the shared
# cache (core.freshness: rebuilt when a programme, its Handlungsfelder, deadlines, exclusions or Land change).
CATALOGUE_DEPENDS_ON = (FundingProgramme, Deadline, Domain, Territory)
CATALOGUE_SECONDS = 24 * 3600
_catalogue = Kept(
    "programme-catalogue",
    _build_catalogue,
    depends_on=CATALOGUE_DEPENDS_ON,
    seconds=CATALOGUE_SECONDS,
    in_process=True,
    per_language=False,
    warm=True,
)


def programme_catalogue() -> _Catalogue:
    return _catalogue.get()


def _query_domains(query: MatchQuery, keys: dict) -> tuple[set, bool]:
    """(Handlungsfeld ids of the need, inferred?): the given ones, else those its text speaks of (the
    vocabulary's evidence of the query's understanding, at least half of the strongest)."""
    if query.domain_ids:
        return set(query.domain_ids), False
    evidence = query.understanding.domains if query.text.strip() else {}
    strongest = max(evidence.values(), default=0.0)
    threshold = w.PROGRAMME_INFERRED_SHARE * strongest
    inferred = {keys[key] for key, weight in evidence.items() if key in keys and weight >= threshold}
    return inferred, True


def _specific_terms(query: MatchQuery, catalogue: _Catalogue) -> list[tuple[str, frozenset]]:
    """Per concept of the need's text: (its label, its terms that few programmes use)."""
    if not query.text.strip():
        return []
    limit = max(w.PROGRAMME_SPECIFIC_MIN_PROGRAMMES, w.PROGRAMME_SPECIFIC_SHARE * len(catalogue.programmes))
    concepts = []
    for concept in query.understanding.concepts:
        terms = frozenset(
            term
            for term in concept.terms
            if len(term) >= w.PROGRAMME_SPECIFIC_MIN_LENGTH and 0 < catalogue.programme_frequency[term] <= limit
        )
        if terms:
            concepts.append((concept.label, terms))
    return concepts


def _topic(programme, catalogue, wanted: set, inferred: bool, concepts) -> tuple[dict, list, list]:
    """(signals, Handlungsfeld ids that fit, words that fit) of the programme's topic fit; no signal: no fit."""
    signals = {}
    fitting = sorted(catalogue.domains_of.get(programme.pk, set()) & wanted)
    if fitting:
        signals["domain_inferred" if inferred else "domain"] = (
            w.PROGRAMME_DOMAIN_INFERRED if inferred else w.PROGRAMME_DOMAIN
        )
    stems, name = catalogue.stems[programme.pk], catalogue.name_stems[programme.pk]
    shared, seen = [], set()
    for label, terms in concepts:
        found = terms & stems
        if found and not found <= seen:  # a word already counted for another concept is not a second fit
            shared.append((label, found))
            seen |= found
    strong = len(shared) >= w.PROGRAMME_TOPIC_CONCEPTS or any(terms & name for _label, terms in shared)
    words = [label for label, _terms in shared]
    if strong:
        signals["topic"] = min(w.PROGRAMME_TOPIC_MAX, w.PROGRAMME_TOPIC_EACH * len(shared))
    elif shared and signals:
        # Shared words that would not make a fit on their own still rank a fitting programme.
        signals["text"] = min(w.PROGRAMME_TERM_MAX, w.PROGRAMME_TERM_EACH * len(shared))
    return signals, fitting, words


def _kind_phrase(programme) -> str:
    """What the money is: "Darlehen, Finanzierungsanteil bis 100 %", "Zuschuss, Förderquote bis 90 %"."""
    parts = [programme.get_funding_kind_display()] if programme.funding_kind else []
    if programme.rate_text:
        parts.append(programme.rate_text)
    return ", ".join(parts)


@dataclass
class Memo:
    """What many queries matched at once share (a network's funding gaps): the programmes that fit a query's
    topic, kept per `topic_key(query)` (what of the query the topic fit reads: its text, Handlungsfelder and
    place words), and the eligibility verdicts, kept per `asker_key(territory)` (what of the asking territory
    eligibility reads) and programme. The caller vouches for its keys; one memo serves one day."""

    topic_key: Callable
    asker_key: Callable
    topics: dict = field(default_factory=dict)
    verdicts: dict = field(default_factory=dict)

    def on_topic(self, query: MatchQuery, compute: Callable):
        key = self.topic_key(query)
        if key not in self.topics:
            self.topics[key] = compute()
        return self.topics[key]

    def verdict(self, asker, programme, compute: Callable):
        key = (asker, programme.pk)
        if key not in self.verdicts:
            self.verdicts[key] = compute()
        return self.verdicts[key]


def _on_topic(query: MatchQuery, catalogue, domains: dict) -> tuple[bool, list]:
    """(Handlungsfelder inferred?, [(programme, signals, fitting Handlungsfeld ids, fitting words)]) of the
    programmes that fit the query's topic, in catalogue order."""
    wanted, inferred = _query_domains(query, {domain.key: pk for pk, domain in domains.items()})
    concepts = _specific_terms(query, catalogue)
    fits = []
    for programme in catalogue.programmes:
        signals, fitting, words = _topic(programme, catalogue, wanted, inferred, concepts)
        if signals:  # off topic: neither listed nor excluded
            fits.append((programme, signals, fitting, words))
    return inferred, fits


def match_programmes(
    query: MatchQuery,
    *,
    today: date,
    limit: int = 10,
    domains: dict | None = None,
    memo: Memo | None = None,
) -> tuple[list[Result], list[Excluded]]:
    """`domains` (id → Domain) spares the read of the Handlungsfelder when many queries are matched at once;
    so does a `memo` the topic fits and eligibility verdicts."""
    catalogue = programme_catalogue()
    deadlines_of = catalogue.deadlines_of
    if domains is None:
        domains = {domain.pk: domain for domain in Domain.objects.all()}
    if memo is None:
        inferred, fits = _on_topic(query, catalogue, domains)
    else:
        inferred, fits = memo.on_topic(query, lambda: _on_topic(query, catalogue, domains))
    asker = memo.asker_key(query.territory) if memo is not None and query.territory is not None else None
    used = [programme for programme in catalogue.programmes if programme.pk in set(query.funding_used_ids)]
    _kreis, _regbez, land = territory_parts(query.territory)
    results, excluded = [], []
    for programme, topic_signals, fitting, words in fits:
        signals = dict(topic_signals)
        deadlines = deadlines_of.get(programme.pk, [])
        if query.territory is not None:

            def check(programme=programme, deadlines=deadlines):
                return eligibility.check(programme, query.territory, today=today, deadlines=deadlines)

            verdict = check() if memo is None else memo.verdict(asker, programme, check)
            if not verdict.eligible:
                excluded.append(Excluded(programme, verdict.sentence))
                continue
            reasons = verdict.reasons
        else:
            is_open, call = eligibility.call_is_open(programme, deadlines, today)
            if not is_open:
                excluded.append(Excluded(programme, call))
                continue
            reasons = [call]
        conflict = _stacking_conflict(programme, used)
        if conflict:
            excluded.append(Excluded(programme, conflict))
            continue
        if programme.level == Level.LAND and land and programme.land_id == land:
            signals["own_land"] = w.PROGRAMME_OWN_LAND
        upcoming = eligibility.next_deadline(programme, deadlines, today)
        if upcoming and upcoming <= today + timedelta(days=w.SOON_DAYS):
            signals["deadline_soon"] = w.PROGRAMME_DEADLINE_SOON
        caution = eligibility.caution(programme, today)
        if caution:
            signals["stale"] = w.PROGRAMME_STALE
        score = round(sum(signals.values()), 2)
        if score < w.PROGRAMME_MIN_SCORE:
            continue
        topic = []
        if fitting:
            labels = ", ".join(domains[pk].label for pk in fitting)
            topic.append(
                _("Handlungsfeld %(topic)s (aus dem Text erkannt)") % {"topic": labels}
                if inferred
                else _("Handlungsfeld %(topic)s") % {"topic": labels}
            )
        if "topic" in signals or "text" in signals:
            topic.append(_("Thema im Programmtext: %(words)s") % {"words": ", ".join(words)})
        kind = _kind_phrase(programme)
        sentence = "; ".join(topic + reasons + ([kind] if kind else []) + ([caution] if caution else []))
        results.append(Result(programme, score, sentence, signals))
    results.sort(key=lambda result: (-result.score, result.item.name))
    excluded.sort(key=lambda entry: entry.programme.name)
    return results[:limit], excluded
