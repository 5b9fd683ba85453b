"""One filter definition for lists of territories (the API's list; the search page has its own ranking)."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import LAND_PATTERN, QueryFilterSet, choice_filter, text_filter

from .enums import TerritoryKind


class TerritoryFilter(QueryFilterSet):
    q = text_filter(_("Teil des Namens"), field_name="name", max_length=100)
    kind = choice_filter(_("Ebene"), field_name="kind", choices=TerritoryKind.choices)
    land = text_filter(_("Zweistelliger Schlüssel des Landes"), field_name="ars", regex=LAND_PATTERN)

    def query(self, queryset, values):
        if "q" in values:
            queryset = queryset.filter(name__icontains=values["q"])
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        if "land" in values:
            queryset = queryset.filter(ars__startswith=values["land"])
        return queryset
