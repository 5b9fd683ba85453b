"""A newly published project tells the watchers of territories near it that do similar things (issue 25): a
watched territory within NEARBY_KM of the project's lead territory whose own projects work in the new project's
primary Handlungsfeld. Each watcher hears of each project and territory once."""

from django.contrib.contenttypes.models import ContentType

from smartregion.notifications.enums import Kind
from smartregion.notifications.models import Watch
from smartregion.notifications.services import notify, watchers
from smartregion.territories.models import Territory
from smartregion.territories.queries import distance_km

from .enums import Publication
from .models import Project

NEARBY_KM = 60  # as projects.similarity's neighbourhood


def tell_watchers(project: Project) -> int:
    if project.publication != Publication.PUBLISHED or project.latitude is None:
        return 0
    watched_ids = Watch.objects.filter(content_type=ContentType.objects.get_for_model(Territory)).values("object_id")
    similar = Territory.objects.filter(pk__in=watched_ids).exclude(pk=project.lead_territory_id)
    similar = similar.filter(
        led_projects__primary_domain_id=project.primary_domain_id, led_projects__publication=Publication.PUBLISHED
    ).distinct()
    told = 0
    for territory in similar:
        distance = distance_km(project.latitude, project.longitude, territory.latitude, territory.longitude)
        if distance is None or distance > NEARBY_KM:
            continue
        for person in watchers(territory):
            told += bool(
                notify(
                    person,
                    Kind.SIMILAR_PROJECT,
                    project,
                    {
                        "title": project.title,
                        "owner": project.lead_territory.name if project.lead_territory else "",
                        "territory": territory.name,
                        "distance": round(distance),
                    },
                    key=f"{project.pk}:{territory.pk}",
                    link=project.get_absolute_url(),
                )
            )
    return told
