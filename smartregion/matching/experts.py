"""Experts and organisations: competence, region served, seat, reference projects, availability."""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from smartregion.actors.models import Actor
from smartregion.core.freshness import Kept
from smartregion.projects.enums import Publication
from smartregion.taxonomy.models import Domain, Keyword
from smartregion.territories.models import Territory

from . import weights as w
from .query import MatchQuery, Result, territory_parts


def _build_actor_facts() -> dict:
    rows = Actor.objects.values_list(
        "pk", "nationwide", "available_forum", "home_territory_id", "home_territory__kreis_id"
    )
    # The seat's Kreis (a Kreis or kreisfreie Stadt is its own), to compare with the Kreise nearby.
    return {pk: (nationwide, available, kreis or seat) for pk, nationwide, available, seat, kreis in rows}


# The few facts the ranking reads of every candidate, held per process and read again after any change
# to an actor or a territory (a seat's Kreis). With thousands of experts per Handlungsfeld this
# replaces a join over thousands of rows on every match.
_actor_facts = Kept(
    "actor-facts",
    _build_actor_facts,
    depends_on=(Actor, Territory),
    cache=None,
    in_process=True,
    per_language=False,
    warm=True,
)


def actor_facts() -> dict:
    """actor id → (nationwide, available in the forum, Kreis of the seat)."""
    return _actor_facts.get()


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
    kreis, regbez, land = territory_parts(territory)
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
                actor_id__any_of=[entry[1] for entry in contenders],
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
