"""Reads of needs: who sees which (public ones for all; the others for the territory and its coordinators)."""

from django.db.models import Q

from smartregion.territories.enums import ACTING_KINDS
from smartregion.territories.models import Territory

from .models import Need


def managed_territories(user):
    """Territories whose needs the user records: own territories, members of coordinated networks; admins any."""
    if not (user and user.is_authenticated and user.is_active):
        return Territory.objects.none()
    if user.is_superuser:
        return Territory.objects.filter(is_active=True, kind__in=ACTING_KINDS).order_by("name")
    return (
        Territory.objects.filter(Q(roles__user=user) | Q(network_memberships__network__roles__user=user))
        .distinct()
        .order_by("name")
    )


def visible_to(user):
    queryset = Need.objects.all()
    if user and user.is_authenticated and user.is_superuser:
        return queryset
    visible = Q(is_public=True)
    if user and user.is_authenticated:
        visible |= Q(territory__in=managed_territories(user).values("pk"))
    return queryset.filter(visible)


def list_queryset(user):
    return visible_to(user).select_related("territory").prefetch_related("domains")


def filtered(data: dict, queryset):
    """Needs of `queryset` matching the filter values (needs.filters.NeedFilter: q, gebiet, feld, status, herkunft)."""
    if data.get("q"):
        queryset = queryset.filter(Q(title__icontains=data["q"]) | Q(description__icontains=data["q"]))
    if data.get("gebiet"):
        queryset = queryset.filter(
            Q(territory__ars=data["gebiet"])
            | Q(territory__kreis__ars=data["gebiet"])
            | Q(territory__land__ars=data["gebiet"])
        )
    if data.get("feld"):
        queryset = queryset.filter(domains__key=data["feld"]).distinct()
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("herkunft"):
        queryset = queryset.filter(origin=data["herkunft"])
    return queryset


def of_territory(territory, user):
    """The territory's needs the user may see, with what the territory page lists of them."""
    return visible_to(user).filter(territory=territory).only("territory_id", "title", "status")


def detail_queryset():
    return Need.objects.select_related("territory", "territory__kreis", "territory__land").prefetch_related("domains")
