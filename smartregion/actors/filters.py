"""One filter definition for the expert directory: the directory page and the API use it."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import LAND_PATTERN, OnlyFilter, QueryFilterSet, choice_filter, key_filter, text_filter
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from . import queries
from .enums import ActorKind, Sector


class ActorFilter(QueryFilterSet):
    q = text_filter(_("Name, Organisation oder Stichwort"), field_name="name")
    sektor = choice_filter(_("Sektor"), field_name="sector", choices=Sector.choices, empty_label=_("alle"))
    art = choice_filter(_("Art"), field_name="kind", choices=ActorKind.choices, empty_label=_("alle"))
    feld = key_filter(
        _("Handlungsfeld"), queryset=Domain.objects.active(), key="key", field_name="domains", label_attribute="label"
    )
    land = key_filter(
        _("tätig in"),
        queryset=Territory.objects.filter(kind="land").order_by("name"),
        key="ars",
        pattern=LAND_PATTERN,
        field_name="regions",
        empty_label=_("alle Länder"),
    )
    forum = OnlyFilter(label=_("im Experten-Forum ansprechbar"), field_name="available_forum")
    review = OnlyFilter(label=_("für Peer-Reviews verfügbar"), field_name="available_review")

    def query(self, queryset, values):
        return queries.filtered(values, queryset)
