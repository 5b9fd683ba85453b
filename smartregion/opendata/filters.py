"""One filter definition for the data inventory: the inventory page and the API use it."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import ARS_PATTERN, QueryFilterSet, choice_filter, text_filter

from . import queries
from .enums import Theme


class DatasetFilter(QueryFilterSet):
    q = text_filter(_("Suchbegriff"), field_name="title")
    theme = choice_filter(_("Thema"), field_name="theme", choices=Theme.choices, empty_label=_("alle"))
    territory = text_filter(_("Gebiet (Regionalschlüssel)"), field_name="territory", regex=ARS_PATTERN, max_length=12)

    def query(self, queryset, values):
        return queries.filtered(values, queryset)
