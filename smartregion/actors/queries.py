"""Reads of the expert directory: filters, contact fields a visitor may see, "who did this near me"."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from smartregion.accounts.rules import is_member
from smartregion.projects.models import Project
from smartregion.projects.queries import published
from smartregion.territories.enums import TerritoryKind
from smartregion.territories.queries import distance_km

from .enums import CONTACT_FIELDS, ContactVisibility
from .models import Actor

NEAR_KM = 60


def list_queryset():
    return Actor.objects.select_related("home_territory").prefetch_related("domains").order_by("name", "id")


def detail_queryset():
    return Actor.objects.select_related("home_territory", "user").prefetch_related(
        "domains",
        "keywords",
        "regions",
        Prefetch("reference_projects", queryset=published().select_related("lead_territory")),
    )


def land_of(territory):
    if territory is None:
        return None
    return territory if territory.kind == TerritoryKind.LAND else territory.land


def serving(territory) -> Q:
    """Actors whose region served covers the territory: nationwide, the territory itself, its Kreis,
    Regierungsbezirk or Land."""
    ids = [pk for pk in (territory.pk, territory.kreis_id, territory.regbez_id, territory.land_id) if pk]
    return Q(nationwide=True) | Q(regions__in=ids)


def filtered(data: dict, queryset):
    """Actors of `queryset` matching the filter values (actors.filters.ActorFilter)."""
    if data.get("q"):
        text = data["q"]
        queryset = queryset.filter(
            Q(name__icontains=text)
            | Q(organisation__icontains=text)
            | Q(description__icontains=text)
            | Q(keywords__label__icontains=text)
        )
    if data.get("sektor"):
        queryset = queryset.filter(sector=data["sektor"])
    if data.get("art"):
        queryset = queryset.filter(kind=data["art"])
    if data.get("feld"):
        queryset = queryset.filter(domains__key=data["feld"])
    if data.get("land"):
        queryset = queryset.filter(
            Q(nationwide=True)
            | Q(regions__ars__startswith=data["land"])
            | Q(home_territory__ars__startswith=data["land"])
        )
    if data.get("forum"):
        queryset = queryset.filter(available_forum=True)
    if data.get("review"):
        queryset = queryset.filter(available_review=True)
    return queryset.distinct()


@dataclass
class ContactLine:
    name: str
    label: str
    value: str
    visibility: str


def visible_contact(actor: Actor, user) -> list[ContactLine]:
    """The contact fields this user may read: public ones; members-only ones for members; all of them
    for the profile's owner and curators (so that they see what they are about to publish)."""
    sees_all = bool(user and user.has_perm("actors.view_hidden_contact", actor))
    member = is_member(user)
    lines = []
    for name, visibility_field in CONTACT_FIELDS.items():
        value = getattr(actor, name)
        visibility = getattr(actor, visibility_field)
        allowed = (
            sees_all or visibility == ContactVisibility.PUBLIC or (visibility == ContactVisibility.MEMBERS and member)
        )
        if value and allowed:
            label = str(Actor._meta.get_field(name).verbose_name)
            lines.append(ContactLine(name, label, value, visibility))
    return lines


@dataclass
class NearbyActor:
    actor: Actor
    distance_km: float | None
    projects: list
    serves_here: bool

    @property
    def reason(self) -> str:
        parts = []
        if self.projects:
            project = self.projects[0]
            where = project.lead_name
            if self.distance_km is not None:
                parts.append(
                    _("Referenzprojekt „%(title)s“ in %(where)s (%(km)s km)")
                    % {"title": project.title, "where": where, "km": round(self.distance_km)}
                )
            else:
                parts.append(_("Referenzprojekt „%(title)s“ in %(where)s") % {"title": project.title, "where": where})
        if self.serves_here:
            parts.append(_("betreut diese Region"))
        return "; ".join(parts)


def near(territory, *, domain=None, limit: int = 30) -> list[NearbyActor]:
    """Who did this near me: actors with a published reference project within NEAR_KM (or in the same
    Land when coordinates are missing), optionally in a Handlungsfeld, and actors serving the region.
    Nearest first."""
    projects = published().filter(actors__isnull=False)
    if domain is not None:
        projects = projects.filter(Q(primary_domain=domain) | Q(domains=domain))
    land = land_of(territory)
    if land is not None:
        projects = projects.filter(land=land)
    rows = projects.values_list("pk", "latitude", "longitude", "actors").distinct()
    by_actor: dict[int, list[tuple[float | None, int]]] = {}
    for project_id, latitude, longitude, actor_id in rows:
        distance = distance_km(territory.latitude, territory.longitude, latitude, longitude)
        if distance is not None and distance > NEAR_KM:
            continue
        by_actor.setdefault(actor_id, []).append((distance, project_id))
    serving_actors = Actor.objects.filter(serving(territory))
    if domain is not None:
        serving_actors = serving_actors.filter(domains=domain)
    serving_ids = set(serving_actors.values_list("pk", flat=True)[:limit])
    actor_ids = set(by_actor) | serving_ids
    actors = list_queryset().filter(pk__in=actor_ids).in_bulk()
    project_ids = {project_id for entries in by_actor.values() for _distance, project_id in entries}
    project_map = Project.objects.filter(pk__in=project_ids).select_related("lead_territory").in_bulk()
    result = []
    for actor_id, actor in actors.items():
        entries = sorted(by_actor.get(actor_id, []), key=lambda entry: (entry[0] is None, entry[0] or 0))
        distance = entries[0][0] if entries else None
        result.append(
            NearbyActor(
                actor=actor,
                distance_km=distance,
                projects=[project_map[project_id] for _d, project_id in entries if project_id in project_map],
                serves_here=actor_id in serving_ids,
            )
        )
    result.sort(key=lambda item: (not item.projects, item.distance_km is None, item.distance_km or 0, item.actor.name))
    return result[:limit]


def available_reviewers():
    """Experts with an account who offer peer reviews (for the invitation form of an assessment)."""
    return Actor.objects.filter(available_review=True, user__isnull=False, user__is_active=True).order_by("name")
