"""One filter definition per list of the network app: networks (API list)."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import (
    ARS_PATTERN,
    LAND_PATTERN,
    QueryFilterSet,
    text_filter,
)


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
