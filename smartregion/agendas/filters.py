"""One filter definition for the list of Digitalisierungskonzepte: the list page and the API use it."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import LAND_PATTERN, QueryFilterSet, choice_filter, key_filter, text_filter
from smartregion.territories.models import Territory

from . import queries
from .enums import AgendaStatus


class AgendaFilter(QueryFilterSet):
    q = text_filter(_("Suchbegriff"), field_name="title")
    status = choice_filter(_("Status"), field_name="status", choices=AgendaStatus.choices, empty_label=_("alle"))
    land = key_filter(
        _("Land"),
        queryset=Territory.objects.filter(kind="land", is_active=True).order_by("name"),
        key="ars",
        pattern=LAND_PATTERN,
        field_name="territory__land",
    )

    def query(self, queryset, values):
        return queries.filtered(values, queryset)
