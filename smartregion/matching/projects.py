"""Catalog projects that solved it: text, keywords, Handlungsfeld, proven status, context, proximity, re-use."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartregion.projects import fulltext
from smartregion.projects.enums import ProjectStatus, Publication
from smartregion.projects.models import Project
from smartregion.territories.enums import SizeClass
from smartregion.territories.queries import distance_km

from . import weights as w
from .query import MatchQuery, Result, territory_parts

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
        kreis, _regbez, land = territory_parts(territory)
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
        Project.objects.filter(pk__any_of=list(candidates), publication=Publication.PUBLISHED)
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
    parts = territory_parts(territory)
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
