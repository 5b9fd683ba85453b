"""Reads with joins around requests for access (ADR 0021) and the people who decide them."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from smartregion.accounts import role_sources
from smartregion.accounts.enums import AccessDeciders, AccessRequestStatus, TerritoryRoleKind
from smartregion.accounts.models import User
from smartregion.accounts.rules import (
    access_deciders_level,
    administered_territory_ids,
    coordinated_network_ids,
    is_platform_admin,
)

from .models import AccessRequest, TerritoryRole


def _territory_has_admins():
    return Exists(
        TerritoryRole.objects.filter(
            territory_id=OuterRef("territory_id"), role=TerritoryRoleKind.ADMIN, user__is_active=True
        )
    )


def access_requests_for(user, *, status: str = AccessRequestStatus.OPEN) -> QuerySet:
    """The requests `user` decides, newest first; `status` "" for all. The same rule as
    `rules.decides_access_to`, in one query: each row carries `territory_has_admins`, so asking the rule per
    row costs nothing more."""
    requests = (
        AccessRequest.objects.select_related("territory", "requester", "decided_by")
        .annotate(territory_has_admins=_territory_has_admins())
        .order_by("-created_at", "-pk")
    )
    if status:
        requests = requests.filter(status=status)
    if is_platform_admin(user):
        return requests
    condition = Q(territory_id__in=administered_territory_ids(user))
    networks = coordinated_network_ids(user)
    memberships = role_sources.memberships()
    if networks and memberships:
        covered = memberships.territories_of_networks(networks)
        condition |= Q(territory_has_admins=False, territory_id__in=covered)
    return requests.filter(condition)


def open_requests_for_territory(territory) -> QuerySet:
    return (
        AccessRequest.objects.filter(territory=territory, status=AccessRequestStatus.OPEN)
        .select_related("territory", "requester")
        .annotate(territory_has_admins=_territory_has_admins())
        .order_by("created_at", "pk")
    )


def requests_of(user) -> QuerySet:
    """The person's own requests, newest first."""
    return (
        AccessRequest.objects.filter(requester=user)
        .select_related("territory", "decided_by")
        .order_by("-created_at", "-pk")
    )


def open_request(user, territory) -> AccessRequest | None:
    if not user.is_authenticated:
        return None
    return AccessRequest.objects.filter(requester=user, territory=territory, status=AccessRequestStatus.OPEN).first()


def access_request_detail(pk: int) -> AccessRequest:
    return (
        AccessRequest.objects.select_related("territory", "requester", "decided_by")
        .annotate(territory_has_admins=_territory_has_admins())
        .get(pk=pk)
    )


def deciders_for(territory) -> tuple[str, list[User]]:
    """Who decides requests for the territory now (AccessDeciders) and their active accounts: its admins;
    where there are none, the coordinators of its networks; then platform admins."""
    level = access_deciders_level(territory)
    if level == AccessDeciders.TERRITORY_ADMINS:
        people = User.objects.filter(
            territory_roles__territory=territory, territory_roles__role=TerritoryRoleKind.ADMIN
        )
    elif level == AccessDeciders.COORDINATORS:
        people = role_sources.memberships().coordinators_of_territory(territory)
    else:
        people = User.objects.filter(is_superuser=True)
    return level, list(people.filter(is_active=True).order_by("email"))
