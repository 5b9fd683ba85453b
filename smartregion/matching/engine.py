"""Rank catalog projects, experts and funding programmes for a need, a gap or a measure.

Every result carries the points of each signal (see weights.py) and a sentence in words that says
why it is there. Funding programmes pass the eligibility check first (a hard filter: Land,
applicant kind, population, open call, stacking with funding already used); the rest is relevance.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db.models import Count, Prefetch, Q
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
    """Projects sharing keywords named in the query's text, most shared first (the same on both databases,
    where the full-text engines differ)."""
    if not query.keyword_ids:
        return {}
    rows = (
        Project.keywords.through.objects.filter(keyword_id__in=query.keyword_ids)
        .values("project_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "-project_id")
        .values_list("project_id", "shared")
    )
    return dict(rows[: w.CANDIDATES])


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
        scopes = []
        if territory.latitude is not None:
            nearby = kreise_near(territory.latitude, territory.longitude, w.NEARBY_KM)
            scopes.append(Q(kreis_id__in=nearby + ([kreis] if kreis else [])))
        if land:
            scopes.append(Q(land_id=land, size_class=territory.size_class) if territory.size_class else Q(land_id=land))
        for scope in scopes:
            for pk in proven.filter(scope).order_by("-published_at").values_list("pk", flat=True)[: w.CANDIDATES // 3]:
                candidates.setdefault(pk, 0.0)
    return candidates


def _proximity(territory, row) -> tuple[float, str, str]:
    """(points, signal name, phrase) of how near the project is to the asking territory."""
    if territory is None:
        return 0.0, "", ""
    kreis, regbez, land = _territory_parts(territory)
    distance = distance_km(territory.latitude, territory.longitude, row["latitude"], row["longitude"])
    if kreis and row["kreis_id"] == kreis:
        return w.PROJECT_SAME_KREIS, "same_kreis", _("im selben Kreis")
    if distance is not None and distance <= w.NEARBY_KM:
        return w.PROJECT_NEARBY, "nearby", _("%(km)s km entfernt") % {"km": round(distance)}
    if regbez and row["regbez_id"] == regbez:
        return w.PROJECT_SAME_REGBEZ, "same_regbez", _("im selben Regierungsbezirk")
    if land and row["land_id"] == land:
        return w.PROJECT_SAME_LAND, "same_land", _("im selben Land")
    return 0.0, "", ""


def match_projects(query: MatchQuery, *, limit: int = 10) -> list[Result]:
    keyword_hits = _keyword_hits(query)
    candidates = _project_candidates(query, keyword_hits)
    if not candidates:
        return []
    rows = list(
        Project.objects.filter(pk__in=candidates, publication=Publication.PUBLISHED)
        .exclude(status=ProjectStatus.DISCONTINUED)
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
            "lead_territory__urbanisation",
        )
    )
    ids = [row["pk"] for row in rows]
    further: dict[int, set] = {}
    for project_id, domain_id in Project.domains.through.objects.filter(project_id__in=ids).values_list(
        "project_id", "domain_id"
    ):
        further.setdefault(project_id, set()).add(domain_id)
    reuse = dict(
        Project.objects.filter(adopted_from_id__in=ids, publication=Publication.PUBLISHED)
        .values("adopted_from_id")
        .annotate(total=Count("id"))
        .order_by()
        .values_list("adopted_from_id", "total")
    )
    best = max(candidates.values(), default=0) or 1
    wanted = set(query.domain_ids)
    territory = query.territory
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
        elif further.get(row["pk"], set()) & wanted:
            signals["domain"] = w.PROJECT_FURTHER_DOMAIN
        if not signals:
            continue  # neither words, keywords nor the Handlungsfeld: no match, however near or proven
        status_points = w.PROJECT_STATUS.get(row["status"], 0.0)
        if status_points:
            signals["status"] = status_points
        if territory is not None and territory.size_class and row["size_class"] == territory.size_class:
            signals["same_size"] = w.PROJECT_SAME_SIZE
        if (
            territory is not None
            and territory.urbanisation
            and row["lead_territory__urbanisation"] == territory.urbanisation
        ):
            signals["same_urbanisation"] = w.PROJECT_SAME_URBANISATION
        points, name, phrase = _proximity(territory, row)
        if points:
            signals[name] = points
        count = reuse.get(row["pk"], 0)
        if count:
            signals["reuse"] = min(w.PROJECT_REUSE_MAX, w.PROJECT_REUSE_EACH * count)
        score = round(sum(signals.values()), 2)
        if score >= w.PROJECT_MIN_SCORE:
            scored.append((score, row, signals, phrase, count))
    scored.sort(key=lambda entry: (-entry[0], -entry[1]["pk"]))
    chosen = scored[:limit]
    projects = (
        Project.objects.filter(pk__in=[entry[1]["pk"] for entry in chosen])
        .select_related("lead_territory", "primary_domain")
        .in_bulk()
    )
    return [
        Result(projects[row["pk"]], score, _project_sentence(projects[row["pk"]], signals, phrase, count), signals)
        for score, row, signals, phrase, count in chosen
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


def match_actors(query: MatchQuery, *, limit: int = 10) -> list[Result]:
    through_domains = Actor.domains.through.objects
    through_keywords = Actor.keywords.through.objects
    alive = Actor.objects.values("pk")
    domain_hits = (
        dict(
            through_domains.filter(domain_id__in=query.domain_ids, actor_id__in=alive)
            .values("actor_id")
            .annotate(total=Count("id"))
            .order_by()
            .values_list("actor_id", "total")
        )
        if query.domain_ids
        else {}
    )
    keyword_ids = query.keyword_ids
    keyword_hits = (
        dict(
            through_keywords.filter(keyword_id__in=keyword_ids, actor_id__in=alive)
            .values("actor_id")
            .annotate(total=Count("id"))
            .order_by()
            .values_list("actor_id", "total")
        )
        if keyword_ids
        else {}
    )
    ids = set(domain_hits) | set(keyword_hits)
    if not ids:
        return []
    territory = query.territory
    kreis, regbez, land = _territory_parts(territory)
    local = {pk for pk in (territory.pk if territory else None, kreis) if pk}
    regional = {pk for pk in (regbez, land) if pk}
    served: dict[int, set] = {}
    if local | regional:
        for actor_id, region_id in Actor.regions.through.objects.filter(
            actor_id__in=ids, territory_id__in=local | regional
        ).values_list("actor_id", "territory_id"):
            served.setdefault(actor_id, set()).add(region_id)
    references = (
        dict(
            Actor.reference_projects.through.objects.filter(
                actor_id__in=ids,
                project__publication=Publication.PUBLISHED,
                project__primary_domain_id__in=query.domain_ids,
            )
            .values("actor_id")
            .annotate(total=Count("id"))
            .order_by()
            .values_list("actor_id", "total")
        )
        if query.domain_ids
        else {}
    )
    rows = Actor.objects.filter(pk__in=ids).values_list(
        "pk", "nationwide", "available_forum", "home_territory__latitude", "home_territory__longitude"
    )
    scored = []
    for pk, nationwide, available, latitude, longitude in rows:
        signals = {}
        if domain_hits.get(pk):
            signals["domain"] = min(w.ACTOR_DOMAIN_MAX, w.ACTOR_DOMAIN_EACH * domain_hits[pk])
        if keyword_hits.get(pk):
            signals["keyword"] = min(w.ACTOR_KEYWORD_MAX, w.ACTOR_KEYWORD_EACH * keyword_hits[pk])
        regions = served.get(pk, set())
        if regions & local:
            signals["serves_local"] = w.ACTOR_SERVES_LOCAL
        elif regions & regional:
            signals["serves_region"] = w.ACTOR_SERVES_REGION
        elif nationwide:
            signals["nationwide"] = w.ACTOR_NATIONWIDE
        if territory is not None:
            distance = distance_km(territory.latitude, territory.longitude, latitude, longitude)
            if distance is not None and distance <= w.NEARBY_KM:
                signals["seat_nearby"] = w.ACTOR_SEAT_NEARBY
        if references.get(pk):
            signals["references"] = min(w.ACTOR_REFERENCE_MAX, w.ACTOR_REFERENCE_EACH * references[pk])
        if available:
            signals["available"] = w.ACTOR_AVAILABLE
        score = round(sum(signals.values()), 2)
        if score >= w.ACTOR_MIN_SCORE:
            scored.append((score, pk, signals))
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    chosen = scored[:limit]
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


def programme_queryset():
    return FundingProgramme.objects.select_related("land").prefetch_related(
        "domains", Prefetch("deadlines", queryset=Deadline.objects.order_by("closes_on"))
    )


def match_programmes(query: MatchQuery, *, today: date, limit: int = 10) -> tuple[list[Result], list[Excluded]]:
    programmes = list(programme_queryset())
    excluded_pairs = FundingProgramme.excludes.through.objects.values_list(
        "from_fundingprogramme_id", "to_fundingprogramme_id"
    )
    excluded_ids: dict[int, set] = {}
    for first, second in excluded_pairs:
        excluded_ids.setdefault(first, set()).add(second)
        excluded_ids.setdefault(second, set()).add(first)
    used = [programme for programme in programmes if programme.pk in set(query.funding_used_ids)]
    terms = {fulltext.stem_word(term) for term in _terms(query.text)}
    wanted = set(query.domain_ids)
    _kreis, _regbez, land = _territory_parts(query.territory)
    results, excluded = [], []
    for programme in programmes:
        programme.excluded_ids = excluded_ids.get(programme.pk, set())
        signals = {}
        domain_ids = {domain.pk for domain in programme.domains.all()}
        if domain_ids & wanted:
            signals["domain"] = w.PROGRAMME_DOMAIN
        elif not domain_ids:
            signals["open_topic"] = w.PROGRAMME_OPEN_TOPIC
        words = {
            fulltext.stem_word(word.lower()) for word in fulltext.words(f"{programme.name} {programme.description}")
        }
        hits = len(terms & words)
        if hits:
            signals["text"] = min(w.PROGRAMME_TERM_MAX, w.PROGRAMME_TERM_EACH * hits)
        if "domain" not in signals and "text" not in signals:
            continue  # off topic: neither listed nor excluded
        deadlines = list(programme.deadlines.all())
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
        topic = [domain.label for domain in programme.domains.all() if domain.pk in wanted]
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
