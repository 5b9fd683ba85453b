"""Reads with joins around accounts: requests for access and the people who decide them."""

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet

from .enums import AccessDeciders, AccessRequestStatus, TerritoryRoleKind
from .models import AccessRequest, TerritoryRole, User
from .rules import access_deciders_level, administered_territory_ids, coordinated_network_ids, is_platform_admin


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
    if networks:
        member_model = apps.get_model("network", "NetworkMember")
        covered = member_model.objects.filter(network_id__in=networks).values("territory_id")
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
        people = User.objects.filter(network_roles__network__members__territory=territory).distinct()
    else:
        people = User.objects.filter(is_superuser=True)
    return level, list(people.filter(is_active=True).order_by("email"))
