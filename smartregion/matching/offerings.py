"""Offerings beyond grants (advice, platforms, labs, trainings …) beside the programmes.

Hard filters first: not discontinued; the asking territory's Land (federal offerings serve everybody, an
offering of a Land or of its municipal IT provider only the territories in that Land); the territory's kind
among the offering's target groups (a Landkreis, a Stadt, a Gemeinde, an alliance as interkommunale
Kooperation). Then topic: a Handlungsfeld of the query (given, or inferred from its text by the vocabulary,
ADR 0020) and words of the query in the offering's texts. Every result says in one sentence what it is, for
whom, who offers it and why it fits ("kostenfreie Beratung für Landkreise (Anbieter: …); Handlungsfeld …").
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartregion.core import text as german
from smartregion.core.freshness import Kept
from smartregion.offerings.enums import TARGET_PLURALS, Cost, Kind, Level, OfferingStatus, TargetGroup
from smartregion.offerings.models import Offering
from smartregion.projects import match_index
from smartregion.taxonomy.models import Domain

from . import weights as w
from .query import MatchQuery, Result, terms_of

MUNICIPAL_GROUPS = [
    TargetGroup.GEMEINDE,
    TargetGroup.STADT,
    TargetGroup.LANDKREIS,
    TargetGroup.ZWECKVERBAND,
    TargetGroup.KOOPERATION,
    TargetGroup.KOMMUNALES_UNTERNEHMEN,
]

# The grammatical gender of each kind's (first) noun: the cost adjective agrees with it.
_GENDER = {
    Kind.ADVICE: "f",
    Kind.SERVICE: "f",
    Kind.TRAINING: "f",
    Kind.COMPETENCE_CENTRE: "n",
    Kind.NETWORK: "n",
    Kind.LAB: "n",
    Kind.GUIDE: "m",
    Kind.DATA_PORTAL: "n",
    Kind.AWARD: "m",
}
_COST_PHRASES = {
    (Cost.FREE, "f"): gettext_lazy("kostenfreie %(kind)s"),
    (Cost.FREE, "n"): gettext_lazy("kostenfreies %(kind)s"),
    (Cost.FREE, "m"): gettext_lazy("kostenfreier %(kind)s"),
    (Cost.PAID, "f"): gettext_lazy("kostenpflichtige %(kind)s"),
    (Cost.PAID, "n"): gettext_lazy("kostenpflichtiges %(kind)s"),
    (Cost.PAID, "m"): gettext_lazy("kostenpflichtiger %(kind)s"),
    (Cost.PARTLY, "f"): gettext_lazy("teilweise kostenfreie %(kind)s"),
    (Cost.PARTLY, "n"): gettext_lazy("teilweise kostenfreies %(kind)s"),
    (Cost.PARTLY, "m"): gettext_lazy("teilweise kostenfreier %(kind)s"),
}


# Words every offering's text uses for its audience: they say who asks, not what about.
AUDIENCE_WORDS = ("kommune", "kommunen", "gemeinde", "gemeinden", "stadt", "städte", "landkreis", "landkreise", "kreis")


def target_groups_of(territory) -> set | None:
    """The target groups a territory acts as; None for kinds that are no municipality (no restriction)."""
    if territory is None:
        return None
    label = (territory.type_label or "").lower()
    county_town = "kreisfreie stadt" in label or label == "stadtkreis"
    if territory.kind == "gemeinde":
        if county_town:
            return {TargetGroup.STADT, TargetGroup.LANDKREIS}
        return {TargetGroup.STADT} if "stadt" in label else {TargetGroup.GEMEINDE}
    if territory.kind == "kreis":
        return {TargetGroup.STADT, TargetGroup.LANDKREIS} if county_town else {TargetGroup.LANDKREIS}
    if territory.kind in ("verband", "alliance"):
        return {TargetGroup.KOOPERATION, TargetGroup.ZWECKVERBAND}
    return None


def land_code_of(territory) -> str:
    """The Land key of a territory ("16" for Jena); an alliance takes its Land's."""
    if territory is None:
        return ""
    if territory.ars:
        return territory.ars[:2]
    land = territory.land if territory.land_id else None
    return land.ars[:2] if land is not None and land.ars else ""


def short_provider(provider: str) -> str:
    """The provider without its explanations in brackets and further bodies after a semicolon."""
    text = re.sub(r"\s*\([^)]*\)", "", provider or "")
    return text.split(";")[0].strip() or (provider or "").strip()


@dataclass
class _Catalogue:
    offerings: list
    domains_of: dict  # offering id → set of Handlungsfeld ids
    stems: dict  # offering id → stemmed words of its names and texts


def _stems(offering) -> frozenset:
    words = german.words(f"{offering.name} {offering.short_name} {offering.summary} {offering.how_to_use}")
    return frozenset(german.stem_word(word.lower()) for word in words)


def _build_catalogue() -> _Catalogue:
    offerings = list(Offering.objects.exclude(status=OfferingStatus.DISCONTINUED).defer("shipped_values"))
    domains_of: dict[int, set] = {}
    for offering_id, domain_id in Offering.domains.through.objects.values_list("offering_id", "domain_id"):
        domains_of.setdefault(offering_id, set()).add(domain_id)
    return _Catalogue(offerings, domains_of, {offering.pk: _stems(offering) for offering in offerings})


# The offerings that can be proposed, read once per process and again after a change (a few dozen rows).
CATALOGUE_DEPENDS_ON = (Offering, Domain)
_catalogue = Kept(
    "offering-catalogue",
    _build_catalogue,
    depends_on=CATALOGUE_DEPENDS_ON,
    cache=None,
    in_process=True,
    per_language=False,
)


def offering_catalogue() -> _Catalogue:
    return _catalogue.get()


def _topic_shares(query: MatchQuery, domain_keys: dict) -> tuple[dict, bool]:
    """Handlungsfeld id → share (the strongest 1): the query's own ones, else the ones its text speaks of
    (the vocabulary's evidence). The flag says whether they were given."""
    if query.domain_ids:
        return dict.fromkeys(query.domain_ids, 1.0), True
    votes = {domain_keys[key]: weight for key, weight in query.understanding.domains.items() if key in domain_keys}
    strongest = max(votes.values(), default=0.0)
    return ({pk: weight / strongest for pk, weight in votes.items()} if strongest else {}), False


def match_offerings(query: MatchQuery, *, limit: int = 10, domains: dict | None = None) -> list[Result]:
    """`domains` (id → Domain) spares the read of the Handlungsfelder when many queries are matched at once."""
    catalogue = offering_catalogue()
    if domains is None:
        domains = {domain.pk: domain for domain in Domain.objects.all()}
    shares, given = _topic_shares(query, {domain.key: pk for pk, domain in domains.items()})
    audience = {german.stem_word(word) for word in AUDIENCE_WORDS}
    terms = [term for term in terms_of(query.text) if term not in match_index.STOPWORDS]
    words = {stem: term for term in terms if (stem := german.stem_word(term)) not in audience}
    territory = query.territory
    land = land_code_of(territory)
    groups = target_groups_of(territory)
    results = []
    for offering in catalogue.offerings:
        if territory is not None and offering.level != Level.BUND and offering.land_code != land:
            continue
        fitting = [group for group in offering.target_groups if groups is None or group in groups]
        if groups is not None and not fitting:
            continue
        signals = {}
        topic = max(catalogue.domains_of.get(offering.pk, ()), key=lambda pk: (shares.get(pk, 0.0), -pk), default=None)
        share = shares.get(topic, 0.0)
        if share:
            signals["domain"] = round(w.OFFERING_DOMAIN * share, 2)
        hits = sorted(stem for stem in words if stem in catalogue.stems[offering.pk])
        if hits:
            signals["text"] = min(w.OFFERING_TERM_MAX, w.OFFERING_TERM_EACH * len(hits))
        if sum(signals.values()) < w.OFFERING_MIN_TOPIC:
            continue  # off topic (the Land and the cost only order what fits)
        if offering.level != Level.BUND and land and offering.land_code == land:
            signals["own_land"] = w.OFFERING_OWN_LAND
        if offering.cost == Cost.FREE:
            signals["free"] = w.OFFERING_FREE
        if offering.status == OfferingStatus.UNKNOWN:
            signals["status_unknown"] = w.OFFERING_STATUS_UNKNOWN
        score = round(sum(signals.values()), 2)
        topic_label = domains[topic].label if share >= 0.5 and topic in domains else ""
        sentence = _sentence(offering, fitting, topic_label, given, [words[stem] for stem in hits])
        results.append(Result(offering, score, sentence, signals))
    results.sort(key=lambda result: (-result.score, result.item.name))
    return results[:limit]


def _sentence(offering, fitting: list, topic: str, given: bool, words: list) -> str:
    """ "kostenfreie Beratung für Landkreise (Anbieter: Digitalagentur Thüringen GmbH); Handlungsfeld …"."""
    kind = offering.get_kind_display()
    phrase = _COST_PHRASES.get((offering.cost, _GENDER.get(offering.kind, "f")))
    what = phrase % {"kind": kind} if phrase else kind
    municipal = [group for group in fitting if group in MUNICIPAL_GROUPS] or fitting
    if municipal:
        what = _("%(what)s für %(whom)s") % {
            "what": what,
            "whom": ", ".join(str(TARGET_PLURALS[TargetGroup(group)]) for group in municipal),
        }
    provider = short_provider(offering.provider)
    parts = [_("%(what)s (Anbieter: %(provider)s)") % {"what": what, "provider": provider} if provider else what]
    if offering.cost == Cost.UNKNOWN:
        parts.append(_("Kosten unbekannt"))
    if topic:
        parts.append(
            _("Handlungsfeld %(topic)s") % {"topic": topic}
            if given
            else _("Handlungsfeld %(topic)s (aus dem Text erkannt)") % {"topic": topic}
        )
    if words:
        parts.append(_("passende Begriffe: %(words)s") % {"words": ", ".join(words[:3])})
    if offering.level == Level.BUND:
        parts.append(_("Angebot des Bundes"))
    else:
        parts.append(_("Angebot in %(land)s") % {"land": offering.land_name})
    if offering.status == OfferingStatus.UNKNOWN:
        parts.append(_("ob es das Angebot noch gibt, ist unbekannt"))
    return "; ".join(parts)
