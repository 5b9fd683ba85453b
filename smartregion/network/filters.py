"""One filter definition per list of the network app: networks and events (API lists)."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import (
    ARS_PATTERN,
    LAND_PATTERN,
    QueryFilterSet,
    choice_filter,
    date_filter,
    text_filter,
)

from .models import Event, EventKind


class NetworkFilter(QueryFilterSet):
    q = text_filter(_("Teil des Namens"), field_name="name", max_length=100)
    land = text_filter(_("Zweistelliger Schlüssel des Landes"), field_name="land", regex=LAND_PATTERN)
    member = text_filter(
        _("Regionalschlüssel (ARS) eines Mitglieds"), field_name="territories", regex=ARS_PATTERN, max_length=12
    )

    def query(self, queryset, values):
        if "q" in values:
            queryset = queryset.filter(name__icontains=values["q"])
        if "land" in values:
            queryset = queryset.filter(land__ars=values["land"])
        if "member" in values:
            queryset = queryset.filter(territories__ars=values["member"]).distinct()
        return queryset


class EventFilter(QueryFilterSet):
    network = text_filter(_("Kurzname des Netzwerks"), field_name="network", max_length=80)
    kind = choice_filter(_("Art"), field_name="kind", choices=EventKind.choices)
    status = choice_filter(_("Status"), field_name="status", choices=Event.Status.choices)
    from_date = date_filter(_("Beginn ab (Datum, JJJJ-MM-TT)"), field_name="starts_at")

    def query(self, queryset, values):
        if "network" in values:
            queryset = queryset.filter(network__slug=values["network"])
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        if "status" in values:
            queryset = queryset.filter(status=values["status"])
        if "from_date" in values:
            queryset = queryset.filter(starts_at__date__gte=values["from_date"])
        return queryset
