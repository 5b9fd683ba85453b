"""Funding programmes: eligibility (Land, applicant kind, population, open call, stacking) as a hard
filter, then topic."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from smartregion.core.caching import VersionedValue, kept, table_version
from smartregion.funding import eligibility
from smartregion.funding.enums import Level, Stacking
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.projects import fulltext
from smartregion.taxonomy.models import Domain

from . import weights as w
from .query import Excluded, MatchQuery, Result, terms_of, territory_parts


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


def _programme_stems(programme) -> frozenset:
    """Stemmed words of a programme's name and description."""
    words = fulltext.words(f"{programme.name} {programme.description}")
    return frozenset(fulltext.stem_word(word.lower()) for word in words)


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
    stems: dict  # programme id → stemmed words of its name and description


def _catalogue_version() -> tuple:
    """Changes whenever a programme, one of its Handlungsfelder, deadlines or exclusions changes
    (edits and soft deletes bump `updated_at`; link rows only ever get new ids)."""
    return (
        table_version(FundingProgramme.all_objects),
        table_version(FundingProgramme.domains.through.objects, "pk"),
        table_version(Deadline.objects, "pk"),
        table_version(FundingProgramme.excludes.through.objects, "pk"),
    )


def _build_catalogue() -> _Catalogue:
    programmes = list(
        FundingProgramme.objects.select_related("land").only(*PROGRAMME_FIELDS, "land__name", "land__short_name")
    )
    domains_of, deadlines_of, excluded_ids = _programme_relations()
    for programme in programmes:
        programme.excluded_ids = excluded_ids.get(programme.pk, set())
    choices = [(programme.code, str(programme)) for programme in sorted(programmes, key=lambda item: item.name)]
    stems = {programme.pk: _programme_stems(programme) for programme in programmes}
    return _Catalogue(programmes, domains_of, deadlines_of, choices, stems)


# All programmes with their relations, read once per process and again only after a change: a few
# hundred rows that every match needs, which change a few times a year. Stemming 500 descriptions
# takes about a second, so one worker builds the catalogue and the others read it from the shared
# cache (core.caching.kept, under the same version).
CATALOGUE_SECONDS = 24 * 3600
_catalogue = VersionedValue(
    _catalogue_version,
    lambda: kept("programme-catalogue", (), _catalogue_version, CATALOGUE_SECONDS, _build_catalogue),
)


def programme_catalogue() -> _Catalogue:
    return _catalogue.get()


def match_programmes(query: MatchQuery, *, today: date, limit: int = 10) -> tuple[list[Result], list[Excluded]]:
    catalogue = programme_catalogue()
    programmes, domains_of, deadlines_of = catalogue.programmes, catalogue.domains_of, catalogue.deadlines_of
    labels = {domain.pk: domain.label for domain in Domain.objects.filter(pk__in=query.domain_ids)}
    used = [programme for programme in programmes if programme.pk in set(query.funding_used_ids)]
    terms = {fulltext.stem_word(term) for term in terms_of(query.text)}
    wanted = set(query.domain_ids)
    _kreis, _regbez, land = territory_parts(query.territory)
    results, excluded = [], []
    for programme in programmes:
        signals = {}
        domain_ids = domains_of.get(programme.pk, set())
        if domain_ids & wanted:
            signals["domain"] = w.PROGRAMME_DOMAIN
        elif not domain_ids:
            signals["open_topic"] = w.PROGRAMME_OPEN_TOPIC
        hits = len(terms & catalogue.stems[programme.pk])
        if hits:
            signals["text"] = min(w.PROGRAMME_TERM_MAX, w.PROGRAMME_TERM_EACH * hits)
        if "domain" not in signals and "text" not in signals:
            continue  # off topic: neither listed nor excluded
        deadlines = deadlines_of.get(programme.pk, [])
        if query.territory is not None:
            verdict = eligibility.check(programme, query.territory, today=today, deadlines=deadlines)
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
        if any(today <= deadline.closes_on <= today + timedelta(days=w.SOON_DAYS) for deadline in deadlines):
            signals["deadline_soon"] = w.PROGRAMME_DEADLINE_SOON
        score = round(sum(signals.values()), 2)
        if score < w.PROGRAMME_MIN_SCORE:
            continue
        topic = [labels[pk] for pk in sorted(domain_ids & wanted)]
        sentence = "; ".join(
            ([_("Handlungsfeld %(topic)s") % {"topic": ", ".join(topic)}] if topic else [])
            + reasons
            + (
                [_("Förderquote bis %(rate)s %%") % {"rate": programme.max_rate_percent}]
                if programme.max_rate_percent
                else []
            )
        )
        results.append(Result(programme, score, sentence, signals))
    results.sort(key=lambda result: (-result.score, result.item.name))
    excluded.sort(key=lambda entry: entry.programme.name)
    return results[:limit], excluded
