"""Rank catalog projects, experts and funding programmes for a need, a gap or a measure.

Every result carries the points of each signal (see weights.py) and a sentence in words that says
why it is there. Funding programmes pass the eligibility check first (a hard filter: Land,
applicant kind, population, open call, stacking with funding already used); the rest is relevance.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from smartregion.actors.models import Actor
from smartregion.funding import eligibility
from smartregion.funding.enums import Level, Stacking
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.projects import fulltext
from smartregion.projects.enums import ProjectStatus, Publication
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain, Keyword
from smartregion.taxonomy.normalize import normalize_keyword
from smartregion.territories.enums import SizeClass
from smartregion.territories.models import Territory
from smartregion.territories.queries import distance_km, kreise_near

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
    def keyword_ids(self) -> list[int]:
        """Keywords named in the text (single words and pairs of words, normalised)."""
        words = fulltext.words(self.text)
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
    programme: FundingProgramme
    reason: str


@dataclass
class Matches:
    query: MatchQuery
    projects: list
    actors: list
    programmes: list
    excluded_programmes: list


def _territory_parts(territory):
    """(kreis id, regbez id, land id) of the asking territory (a Kreis or Land is its own)."""
    if territory is None:
        return None, None, None
    kreis = territory.pk if territory.kind == "kreis" else territory.kreis_id
    land = territory.pk if territory.kind == "land" else territory.land_id
    regbez = territory.pk if territory.kind == "regbez" else territory.regbez_id
    return kreis, regbez, land


def _terms(text: str) -> list[str]:
    return fulltext.significant_terms(text, limit=12)


# --- projects ---------------------------------------------------------------------------------

SIZE_PHRASES = {
    SizeClass.GROSSSTADT: gettext_lazy("in einer Großstadt"),
    SizeClass.MITTELSTADT: gettext_lazy("in einer Mittelstadt"),
    SizeClass.KLEINSTADT: gettext_lazy("in einer Kleinstadt"),
    SizeClass.LANDGEMEINDE: gettext_lazy("in einer Landgemeinde"),
}


def _keyword_hits(query: MatchQuery) -> dict[int, int]:
    """Projects sharing keywords named in the query's text (the same on both databases, where the
    full-text engines differ): the newest CANDIDATES per keyword, counted together. A keyword such as
    "Sensorik" can sit on thousands of projects; counting all of them would cost more than it tells."""
    shared: dict[int, int] = {}
    through = Project.keywords.through.objects
    for keyword_id in query.keyword_ids:
        for project_id in (
            through.filter(keyword_id=keyword_id)
            .order_by("-project_id")
            .values_list("project_id", flat=True)[: w.CANDIDATES]
        ):
            shared[project_id] = shared.get(project_id, 0) + 1
    return shared


MATCH_LABELS = {
    "text": gettext_lazy("Suchbegriffe"),
    "keyword": gettext_lazy("Stichworte"),
    "domain": gettext_lazy("Handlungsfeld"),
}


def _project_candidates(query: MatchQuery, keyword_hits: dict) -> dict[int, float]:
    """Ids with their text relevance: the best text hits, projects sharing keywords, and proven
    projects of the query's Handlungsfelder nearby (text relevance 0 for the latter two)."""
    candidates = fulltext.top_matches_any(query.text, limit=w.CANDIDATES) if query.text else {}
    for pk in keyword_hits:
        candidates.setdefault(pk, 0.0)
    territory = query.territory
    if query.domain_ids and territory is not None:
        proven = Project.objects.filter(
            publication=Publication.PUBLISHED,
            status__in=[ProjectStatus.OPERATION, ProjectStatus.COMPLETED, ProjectStatus.IMPLEMENTATION],
            primary_domain_id__in=query.domain_ids,
        )
        kreis, _regbez, land = _territory_parts(territory)
        if query.nearby_kreise:
            scope = Q(kreis_id__in=query.nearby_kreise + ([kreis] if kreis else []))
        elif land:
            scope = Q(land_id=land)
        else:
            scope = Q(pk__in=[])
        for pk in proven.filter(scope).order_by("-published_at").values_list("pk", flat=True)[: w.CANDIDATES // 2]:
            candidates.setdefault(pk, 0.0)
    return candidates


def _proximity(parts, territory, row) -> tuple[float, str, float | None]:
    """(points, signal name, distance) of how near the project is to the asking territory;
    `parts` are the territory's (Kreis, Regierungsbezirk, Land)."""
    if territory is None:
        return 0.0, "", None
    kreis, regbez, land = parts
    distance = distance_km(territory.latitude, territory.longitude, row["latitude"], row["longitude"])
    if kreis and row["kreis_id"] == kreis:
        return w.PROJECT_SAME_KREIS, "same_kreis", distance
    if distance is not None and distance <= w.NEARBY_KM:
        return w.PROJECT_NEARBY, "nearby", distance
    if regbez and row["regbez_id"] == regbez:
        return w.PROJECT_SAME_REGBEZ, "same_regbez", distance
    if land and row["land_id"] == land:
        return w.PROJECT_SAME_LAND, "same_land", distance
    return 0.0, "", distance


def _proximity_phrase(signals, distance) -> str:
    if "same_kreis" in signals:
        return _("im selben Kreis")
    if "nearby" in signals:
        return _("%(km)s km entfernt") % {"km": round(distance)}
    if "same_regbez" in signals:
        return _("im selben Regierungsbezirk")
    if "same_land" in signals:
        return _("im selben Land")
    return ""


def match_projects(query: MatchQuery, *, limit: int = 10) -> list[Result]:
    keyword_hits = _keyword_hits(query)
    candidates = _project_candidates(query, keyword_hits)
    if not candidates:
        return []
    # One query: the fields the ranking reads, whether a further Handlungsfeld matches, the re-use count.
    adoptions = (
        Project.objects.filter(adopted_from=OuterRef("pk"), publication=Publication.PUBLISHED)
        .order_by()
        .values("adopted_from")
        .annotate(total=Count("pk"))
        .values("total")
    )
    further = Project.domains.through.objects.filter(project=OuterRef("pk"), domain_id__in=query.domain_ids)
    rows = list(
        Project.objects.filter(pk__in=list(candidates), publication=Publication.PUBLISHED)
        .exclude(status=ProjectStatus.DISCONTINUED)
        .annotate(further_domain=Exists(further), reuse=Subquery(adoptions))
        .values(
            "pk",
            "primary_domain_id",
            "status",
            "start_year",
            "size_class",
            "kreis_id",
            "regbez_id",
            "land_id",
            "latitude",
            "longitude",
            "urbanisation",
            "further_domain",
            "reuse",
        )
    )
    best = max(candidates.values(), default=0) or 1
    wanted = set(query.domain_ids)
    territory = query.territory
    parts = _territory_parts(territory)
    scored = []
    for row in rows:
        signals = {}
        text = candidates.get(row["pk"], 0.0)
        if text > 0:
            signals["text"] = round(w.PROJECT_TEXT * text / best, 2)
        if keyword_hits.get(row["pk"]):
            signals["keyword"] = min(w.PROJECT_KEYWORD_MAX, w.PROJECT_KEYWORD_EACH * keyword_hits[row["pk"]])
        if row["primary_domain_id"] in wanted:
            signals["domain"] = w.PROJECT_PRIMARY_DOMAIN
        elif row["further_domain"]:
            signals["domain"] = w.PROJECT_FURTHER_DOMAIN
        if not signals:
            continue  # neither words, keywords nor the Handlungsfeld: no match, however near or proven
        status_points = w.PROJECT_STATUS.get(row["status"], 0.0)
        if status_points:
            signals["status"] = status_points
        if territory is not None and territory.size_class and row["size_class"] == territory.size_class:
            signals["same_size"] = w.PROJECT_SAME_SIZE
        if territory is not None and territory.urbanisation and row["urbanisation"] == territory.urbanisation:
            signals["same_urbanisation"] = w.PROJECT_SAME_URBANISATION
        points, name, distance = _proximity(parts, territory, row)
        if points:
            signals[name] = points
        count = row["reuse"] or 0
        if count:
            signals["reuse"] = min(w.PROJECT_REUSE_MAX, w.PROJECT_REUSE_EACH * count)
        score = round(sum(signals.values()), 2)
        if score >= w.PROJECT_MIN_SCORE:
            scored.append((score, row, signals, distance, count))
    scored.sort(key=lambda entry: (-entry[0], -entry[1]["pk"]))
    chosen = scored[:limit]
    projects = (
        Project.objects.filter(pk__in=[entry[1]["pk"] for entry in chosen])
        .select_related("lead_territory", "primary_domain")
        .in_bulk()
    )
    return [
        Result(
            projects[row["pk"]],
            score,
            _project_sentence(projects[row["pk"]], signals, _proximity_phrase(signals, distance), count),
            signals,
        )
        for score, row, signals, distance, count in chosen
        if row["pk"] in projects
    ]


def _project_sentence(project, signals, proximity_phrase: str, reuse: int) -> str:
    status = project.get_status_display()
    first = (
        _("%(status)s seit %(year)s") % {"status": status, "year": project.start_year} if project.start_year else status
    )
    where = str(SIZE_PHRASES.get(project.size_class, ""))
    place = " ".join(part for part in [where, proximity_phrase] if part)
    parts = [
        f"{first} {place}".strip() + f" ({project.lead_name})" if project.lead_name else f"{first} {place}".strip()
    ]
    agree = [str(label) for name, label in MATCH_LABELS.items() if name in signals]
    parts.append(_("Übereinstimmung: %(what)s") % {"what": ", ".join(agree)})
    if reuse:
        parts.append(_("%(count)s× nachgenutzt") % {"count": reuse})
    return "; ".join(parts)


# --- experts and organisations ---------------------------------------------------------------


@dataclass
class _Directory:
    version: tuple
    facts: dict  # actor id → (nationwide, available in the forum, Kreis of the seat)


_directory: _Directory | None = None


def actor_facts() -> dict:
    """The few facts the ranking reads of every candidate, held per process and read again after any
    change to an actor (saves and soft deletes bump `updated_at`). With thousands of experts per
    Handlungsfeld this replaces a join over thousands of rows on every match. (A seat's coordinates
    come from the register and change only with a register import.)"""
    global _directory
    version = tuple(Actor.all_objects.aggregate(n=Count("pk"), last=Max("updated_at")).values())
    if _directory is None or _directory.version != version:
        rows = Actor.objects.values_list(
            "pk", "nationwide", "available_forum", "home_territory_id", "home_territory__kreis_id"
        )
        # The seat's Kreis (a Kreis or kreisfreie Stadt is its own), to compare with the Kreise nearby.
        _directory = _Directory(
            version, {pk: (nationwide, available, kreis or seat) for pk, nationwide, available, seat, kreis in rows}
        )
    return _directory.facts


def _counts(rows) -> dict[int, int]:
    return dict(rows.values("actor_id").annotate(total=Count("id")).order_by().values_list("actor_id", "total"))


def match_actors(query: MatchQuery, *, limit: int = 10) -> list[Result]:
    """Competence first (a Handlungsfeld or a keyword must match), then region, seat, references.

    Every expert with a matching Handlungsfeld or keyword is a candidate; their facts come from
    `actor_facts()`, so that thousands of candidates cost a dictionary lookup each, not a join."""
    through_domains = Actor.domains.through.objects
    through_keywords = Actor.keywords.through.objects
    keyword_ids = query.keyword_ids
    domain_rows = through_domains.filter(domain_id__in=query.domain_ids)
    keyword_rows = through_keywords.filter(keyword_id__in=keyword_ids)
    domain_hits = _counts(domain_rows) if query.domain_ids else {}
    keyword_hits = _counts(keyword_rows) if keyword_ids else {}
    if not domain_hits and not keyword_hits:
        return []
    territory = query.territory
    kreis, regbez, land = _territory_parts(territory)
    local = {pk for pk in (territory.pk if territory else None, kreis) if pk}
    regional = {pk for pk in (regbez, land) if pk}
    serves_local, serves_region = set(), set()
    if local | regional:
        for actor_id, region_id in Actor.regions.through.objects.filter(territory_id__in=local | regional).values_list(
            "actor_id", "territory_id"
        ):
            (serves_local if region_id in local else serves_region).add(actor_id)
    facts = actor_facts()
    nearby = set(query.nearby_kreise) | ({kreis} if kreis else set())
    scored = []
    for pk in (domain_hits.keys() | keyword_hits.keys()) & facts.keys():
        nationwide, available, seat_kreis = facts[pk]
        signals = {}
        if pk in domain_hits:
            signals["domain"] = min(w.ACTOR_DOMAIN_MAX, w.ACTOR_DOMAIN_EACH * domain_hits[pk])
        if pk in keyword_hits:
            signals["keyword"] = min(w.ACTOR_KEYWORD_MAX, w.ACTOR_KEYWORD_EACH * keyword_hits[pk])
        if pk in serves_local:
            signals["serves_local"] = w.ACTOR_SERVES_LOCAL
        elif pk in serves_region:
            signals["serves_region"] = w.ACTOR_SERVES_REGION
        elif nationwide:
            signals["nationwide"] = w.ACTOR_NATIONWIDE
        if seat_kreis in nearby:
            signals["seat_nearby"] = w.ACTOR_SEAT_NEARBY
        if available:
            signals["available"] = w.ACTOR_AVAILABLE
        scored.append([sum(signals.values()), pk, signals])
    # Reference projects add at most ACTOR_REFERENCE_MAX: count them only for those who can still reach the top.
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    threshold = scored[limit - 1][0] if len(scored) >= limit else 0
    # (At most ACTOR_CONTENDERS of them, best first: in a large directory many tie, and the order among
    # equals is by id anyway.)
    contenders = [entry for entry in scored if entry[0] + w.ACTOR_REFERENCE_MAX >= threshold][: w.ACTOR_CONTENDERS]
    references = {}
    if query.domain_ids and contenders:
        references = dict(
            Actor.reference_projects.through.objects.filter(
                actor_id__in=[entry[1] for entry in contenders],
                project__publication=Publication.PUBLISHED,
                project__primary_domain_id__in=query.domain_ids,
            )
            .values("actor_id")
            .annotate(total=Count("id"))
            .order_by()
            .values_list("actor_id", "total")
        )
    for entry in contenders:
        if references.get(entry[1]):
            entry[2]["references"] = min(w.ACTOR_REFERENCE_MAX, w.ACTOR_REFERENCE_EACH * references[entry[1]])
            entry[0] = sum(entry[2].values())
    ranked = sorted(
        ((round(score, 2), pk, signals) for score, pk, signals in contenders if score >= w.ACTOR_MIN_SCORE),
        key=lambda entry: (-entry[0], entry[1]),
    )
    chosen = ranked[:limit]
    actors = (
        Actor.objects.filter(pk__in=[pk for _score, pk, _signals in chosen])
        .select_related("home_territory")
        .prefetch_related(
            Prefetch("domains", queryset=Domain.objects.filter(pk__in=query.domain_ids), to_attr="matched_domains"),
            Prefetch("keywords", queryset=Keyword.objects.filter(pk__in=keyword_ids), to_attr="matched_keywords"),
            Prefetch("regions", queryset=_regions_queryset(local | regional), to_attr="matched_regions"),
        )
        .in_bulk()
    )
    return [
        Result(actors[pk], score, _actor_sentence(actors[pk], signals, references.get(pk, 0)), signals)
        for score, pk, signals in chosen
        if pk in actors
    ]


def _regions_queryset(ids):
    return Territory.objects.filter(pk__in=ids)


def _actor_sentence(actor, signals, reference_count: int) -> str:
    competences = [domain.label for domain in actor.matched_domains] + [k.label for k in actor.matched_keywords]
    parts = [_("Kompetenz in %(topics)s") % {"topics": ", ".join(competences)}] if competences else []
    if actor.matched_regions:
        parts.append(_("betreut %(regions)s") % {"regions": ", ".join(r.short_name for r in actor.matched_regions)})
    elif "nationwide" in signals:
        parts.append(_("bundesweit tätig"))
    if "seat_nearby" in signals and actor.home_territory:
        parts.append(_("Sitz in %(place)s") % {"place": actor.home_territory.short_name})
    if reference_count:
        parts.append(
            ngettext(
                "%(count)s passendes Referenzprojekt im Katalog",
                "%(count)s passende Referenzprojekte im Katalog",
                reference_count,
            )
            % {"count": reference_count}
        )
    if actor.available_forum:
        parts.append(_("im Experten-Forum ansprechbar"))
    return "; ".join(parts)


# --- funding programmes ----------------------------------------------------------------------


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


_STEMS: dict[int, tuple[object, frozenset]] = {}


def _programme_stems(programme) -> frozenset:
    """Stemmed words of a programme's name and description, kept per process until it changes."""
    cached = _STEMS.get(programme.pk)
    if cached is None or cached[0] != programme.updated_at:
        words = fulltext.words(f"{programme.name} {programme.description}")
        cached = (programme.updated_at, frozenset(fulltext.stem_word(word.lower()) for word in words))
        _STEMS[programme.pk] = cached
    return cached[1]


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
    version: tuple
    programmes: list
    domains_of: dict
    deadlines_of: dict
    excluded_ids: dict


_catalogue: _Catalogue | None = None


def _catalogue_version() -> tuple:
    """Changes whenever a programme, one of its Handlungsfelder, deadlines or exclusions changes
    (edits and soft deletes bump `updated_at`; link rows only ever get new ids)."""
    return (
        tuple(FundingProgramme.all_objects.aggregate(n=Count("pk"), last=Max("updated_at")).values()),
        tuple(FundingProgramme.domains.through.objects.aggregate(n=Count("pk"), last=Max("pk")).values()),
        tuple(Deadline.objects.aggregate(n=Count("pk"), last=Max("pk")).values()),
        tuple(FundingProgramme.excludes.through.objects.aggregate(n=Count("pk"), last=Max("pk")).values()),
    )


def programme_catalogue() -> _Catalogue:
    """All programmes with their relations, read once per process and again only after a change: a few
    hundred rows that every match needs, which change a few times a year."""
    global _catalogue
    version = _catalogue_version()
    if _catalogue is None or _catalogue.version != version:
        programmes = list(
            FundingProgramme.objects.select_related("land").only(*PROGRAMME_FIELDS, "land__name", "land__short_name")
        )
        domains_of, deadlines_of, excluded_ids = _programme_relations()
        for programme in programmes:
            programme.excluded_ids = excluded_ids.get(programme.pk, set())
        _catalogue = _Catalogue(version, programmes, domains_of, deadlines_of, excluded_ids)
    return _catalogue


def match_programmes(query: MatchQuery, *, today: date, limit: int = 10) -> tuple[list[Result], list[Excluded]]:
    catalogue = programme_catalogue()
    programmes, domains_of, deadlines_of = catalogue.programmes, catalogue.domains_of, catalogue.deadlines_of
    labels = {domain.pk: domain.label for domain in Domain.objects.filter(pk__in=query.domain_ids)}
    used = [programme for programme in programmes if programme.pk in set(query.funding_used_ids)]
    terms = {fulltext.stem_word(term) for term in _terms(query.text)}
    wanted = set(query.domain_ids)
    _kreis, _regbez, land = _territory_parts(query.territory)
    results, excluded = [], []
    for programme in programmes:
        signals = {}
        domain_ids = domains_of.get(programme.pk, set())
        if domain_ids & wanted:
            signals["domain"] = w.PROGRAMME_DOMAIN
        elif not domain_ids:
            signals["open_topic"] = w.PROGRAMME_OPEN_TOPIC
        hits = len(terms & _programme_stems(programme))
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


def match(query: MatchQuery, *, today: date, limit: int = 10) -> Matches:
    programmes, excluded = match_programmes(query, today=today, limit=limit)
    return Matches(
        query=query,
        projects=match_projects(query, limit=limit),
        actors=match_actors(query, limit=limit),
        programmes=programmes,
        excluded_programmes=excluded,
    )
