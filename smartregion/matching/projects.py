"""Catalog projects that solved it (ADR 0020): relevance of the text first, the Handlungsfeld (given
or inferred from the text) next, and the project's place and record only to break near-ties."""

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartregion.projects import match_index
from smartregion.projects.enums import ProjectStatus, Publication
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories.enums import SizeClass
from smartregion.territories.queries import distance_km

from . import weights as w
from .query import MatchQuery, Result, territory_parts
from .relevance import Scorer

SIZE_PHRASES = {
    SizeClass.GROSSSTADT: gettext_lazy("in einer Großstadt"),
    SizeClass.MITTELSTADT: gettext_lazy("in einer Mittelstadt"),
    SizeClass.KLEINSTADT: gettext_lazy("in einer Kleinstadt"),
    SizeClass.LANDGEMEINDE: gettext_lazy("in einer Landgemeinde"),
}


def _retrieval_groups(understanding) -> list[tuple[int, list[str]]]:
    """Per concept: (document frequency, index terms to look for) — for an alternative of several
    terms its rarest term stands for it."""
    groups = []
    documents = understanding.documents
    for concept in understanding.concepts:
        terms = set()
        for alternative in concept.alternatives:
            known = [term for term in alternative.terms if documents.get(term, 0) > 0]
            if len(known) == len(alternative.terms):
                terms.add(min(known, key=lambda term: documents[term]))
        if terms:
            groups.append((sum(documents[term] for term in terms), sorted(terms)))
    return groups


def _candidates(understanding) -> list:
    groups = _retrieval_groups(understanding)
    if not groups:
        return []
    visible = {"published": Publication.PUBLISHED, "discontinued": ProjectStatus.DISCONTINUED}
    rows = {}
    rare = [terms for count, terms in groups if count <= w.PROJECT_RETRIEVE_DOCUMENTS]
    if rare:
        for row in match_index.candidates(rare, conjunctive=False, limit=w.PROJECT_CANDIDATES, **visible):
            rows[row[0]] = row
    if len(rows) < w.PROJECT_CANDIDATES_MIN and len(rare) < len(groups):
        every = [terms for _count, terms in groups]
        for conjunctive in (True, False):
            if len(every) == 1 and conjunctive:
                continue
            for row in match_index.candidates(
                every, conjunctive=conjunctive, limit=w.PROJECT_CANDIDATES_MIN, **visible
            ):
                rows.setdefault(row[0], row)
            if len(rows) >= w.PROJECT_CANDIDATES_MIN:
                break
    return list(rows.values())


def _proximity(parts, territory, row) -> tuple[float, str, float | None]:
    """(share, signal name, distance) of how near the project is to the asking territory;
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


def _facts(ids) -> dict[int, dict]:
    """The fields the ranking reads, the further Handlungsfelder and the re-use count of `ids`."""
    adoptions = (
        Project.objects.filter(adopted_from=OuterRef("pk"), publication=Publication.PUBLISHED)
        .order_by()
        .values("adopted_from")
        .annotate(total=Count("pk"))
        .values("total")
    )
    rows = {
        row["pk"]: row
        for row in Project.objects.filter(pk__any_of=list(ids))
        .annotate(reuse=Subquery(adoptions))
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
            "reuse",
        )
    }
    for row in rows.values():
        row["further"] = set()
    for project_id, domain_id in Project.domains.through.objects.filter(project_id__any_of=list(ids)).values_list(
        "project_id", "domain_id"
    ):
        if project_id in rows:
            rows[project_id]["further"].add(domain_id)
    return rows


def _inferred_domains(understanding, hits, facts, domain_keys) -> dict[int, float]:
    """Shares (0..1, the strongest 1) of Handlungsfelder the text speaks of: the vocabulary groups it
    reached and the Handlungsfelder of the best text hits."""
    votes: dict[int, float] = {}
    best = sorted(hits.items(), key=lambda item: -item[1].relevance)[: w.PROJECT_DOMAIN_FEEDBACK]
    total = sum(hit.relevance for _pk, hit in best) or 1.0
    for pk, hit in best:
        domain = facts.get(pk, {}).get("primary_domain_id")
        if domain:
            votes[domain] = votes.get(domain, 0.0) + (1 - w.PROJECT_DOMAIN_VOCABULARY_SHARE) * hit.relevance / total
    vocabulary_total = sum(understanding.domains.values())
    for key, weight in understanding.domains.items():
        domain = domain_keys.get(key)
        if domain and vocabulary_total:
            votes[domain] = votes.get(domain, 0.0) + w.PROJECT_DOMAIN_VOCABULARY_SHARE * weight / vocabulary_total
    strongest = max(votes.values(), default=0.0)
    return {domain: share / strongest for domain, share in votes.items()} if strongest else {}


def match_projects(query: MatchQuery, *, limit: int = 10) -> list[Result]:
    understanding = query.understanding
    if understanding.empty:
        return []
    scorer = Scorer(understanding.documents)
    hits = {}
    for row in _candidates(understanding):
        fields = dict(zip(match_index.FIELDS, (text.split() for text in row[1:]), strict=True))
        hit = scorer.score(understanding, fields)
        if hit is not None:
            hits[row[0]] = hit
    if not hits:
        return []
    best_text = sorted(hits, key=lambda pk: (-hits[pk].relevance, -pk))[: w.PROJECT_RESCORED]
    facts = _facts(best_text)
    hits = {pk: hits[pk] for pk in best_text if pk in facts}
    domains = {domain.pk: domain for domain in Domain.objects.all()}
    domain_keys = {domain.key: pk for pk, domain in domains.items()}
    given = set(query.domain_ids)
    shares = dict.fromkeys(given, 1.0) if given else _inferred_domains(understanding, hits, facts, domain_keys)
    territory = query.territory
    parts = territory_parts(territory)
    ranked = []
    for pk, hit in hits.items():
        row = facts[pk]
        text = hit.relevance
        share = shares.get(row["primary_domain_id"], 0.0)
        further_domain = max(row["further"], key=lambda domain: (shares.get(domain, 0.0), -domain), default=None)
        further = shares.get(further_domain, 0.0)
        domain_share = max(share, w.PROJECT_FURTHER_DOMAIN_SHARE * further)
        relevance = text * (1 + w.PROJECT_DOMAIN * domain_share)
        context = {"status": w.PROJECT_STATUS.get(row["status"], 0.0)}
        if territory is not None and territory.size_class and row["size_class"] == territory.size_class:
            context["same_size"] = w.PROJECT_SAME_SIZE
        if territory is not None and territory.urbanisation and row["urbanisation"] == territory.urbanisation:
            context["same_urbanisation"] = w.PROJECT_SAME_URBANISATION
        points, name, distance = _proximity(parts, territory, row)
        if points:
            context[name] = points
        reuse = row["reuse"] or 0
        if reuse:
            context["reuse"] = min(w.PROJECT_REUSE_MAX, w.PROJECT_REUSE_EACH * reuse)
        ranked.append(
            {
                "pk": pk,
                "hit": hit,
                "text": text,
                "relevance": relevance,
                "domain_share": domain_share,
                # Which Handlungsfeld made the domain signal: the project's own, else a further one.
                "domain_id": row["primary_domain_id"]
                if share >= further * w.PROJECT_FURTHER_DOMAIN_SHARE and share > 0
                else further_domain,
                "context": {key: value for key, value in context.items() if value},
                "score": relevance * (1 + sum(context.values())),
                "distance": distance,
                "reuse": reuse,
                "row": row,
            }
        )
    ranked.sort(key=lambda entry: (-entry["score"], -entry["pk"]))
    top = ranked[0]["relevance"]
    chosen = _chosen(ranked, top, limit)
    scale = w.PROJECT_SCORE_SCALE / (ranked[0]["score"] or 1.0)
    projects = (
        Project.objects.filter(pk__in=[entry["pk"] for entry in chosen])
        .select_related("lead_territory", "primary_domain")
        .in_bulk()
    )
    results = []
    for entry in chosen:
        project = projects.get(entry["pk"])
        if project is None:
            continue
        signals = _signals(entry, scale)
        inferred = None
        # An inferred Handlungsfeld is named when it weighed (at least half the strongest one's share).
        if not given and entry["domain_share"] >= 0.5 and entry["domain_id"] in domains:
            inferred = domains[entry["domain_id"]].label
        results.append(
            Result(
                project,
                round(sum(signals.values()), 2),
                _project_sentence(project, entry, signals, inferred, given=bool(given)),
                signals,
            )
        )
    return results


def _chosen(ranked: list, top: float, limit: int) -> list:
    """The results shown: those with at least PROJECT_MIN_SHARE of the best relevance; when that leaves
    fewer than PROJECT_FILL_TO, the next candidates on the same topic (a Handlungsfeld of the query) down to
    PROJECT_FILL_SHARE fill up the list, after the stronger ones. A short list hid relevant projects that
    use other words ("Telemedizin" against "Gesundheitskiosk")."""
    strong = [entry for entry in ranked if entry["relevance"] >= w.PROJECT_MIN_SHARE * top]
    wanted = min(limit, w.PROJECT_FILL_TO)
    if len(strong) < wanted:
        strong += [
            entry
            for entry in ranked
            if w.PROJECT_FILL_SHARE * top <= entry["relevance"] < w.PROJECT_MIN_SHARE * top
            and entry["domain_share"] > 0
        ][: wanted - len(strong)]
    return strong[:limit]


def _signals(entry, scale: float) -> dict:
    """Points per signal, summing to the score (the best result about PROJECT_SCORE_SCALE)."""
    text = entry["text"] * scale
    keyword_share = 0.0
    signals = {}
    if entry["hit"].in_keywords:
        keyword_share = 0.3
        signals["keyword"] = round(text * keyword_share, 2)
    signals["text"] = round(text * (1 - keyword_share), 2)
    domain = (entry["relevance"] - entry["text"]) * scale
    if domain:
        signals["domain"] = round(domain, 2)
    base = entry["relevance"] * scale
    for name, share in entry["context"].items():
        signals[name] = round(base * share, 2)
    return signals


MATCH_LABELS = {
    "text": gettext_lazy("Suchbegriffe"),
    "keyword": gettext_lazy("Stichworte"),
    "domain": gettext_lazy("Handlungsfeld"),
}


def _words_phrase(hit) -> str:
    """The query's words that matched, as typed, and what they matched when that differs."""
    shown = []
    for concept, alternative in hit.matched[:3]:
        if alternative.kind in ("word", "parts", "part_of", "typo") or alternative.label == concept.label:
            shown.append(concept.label)
        elif alternative.kind == "related":
            shown.append(alternative.label)
        else:
            shown.append(f"{concept.label} ~ {alternative.label}")
    return ", ".join(dict.fromkeys(shown))


def _project_sentence(project, entry, signals, inferred_domain, *, given: bool) -> str:
    status = project.get_status_display()
    first = (
        _("%(status)s seit %(year)s") % {"status": status, "year": project.start_year} if project.start_year else status
    )
    where = str(SIZE_PHRASES.get(project.size_class, ""))
    proximity = _proximity_phrase(signals, entry["distance"])
    place = " ".join(part for part in [where, proximity] if part)
    parts = [
        f"{first} {place}".strip() + f" ({project.lead_name})" if project.lead_name else f"{first} {place}".strip()
    ]
    agree = [_("Suchbegriffe (%(words)s)") % {"words": _words_phrase(entry["hit"])}]
    if "keyword" in signals:
        agree.append(str(MATCH_LABELS["keyword"]))
    if inferred_domain:
        agree.append(_("Handlungsfeld %(domain)s (aus dem Text erkannt)") % {"domain": inferred_domain})
    elif given and "domain" in signals:
        agree.append(str(MATCH_LABELS["domain"]))
    parts.append(_("Übereinstimmung: %(what)s") % {"what": ", ".join(agree)})
    if entry["reuse"]:
        parts.append(_("%(count)s× nachgenutzt") % {"count": entry["reuse"]})
    return "; ".join(parts)
