"""One filter definition for the programme catalogue: the list page, its exports and the API use it."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import LAND_PATTERN, QueryFilterSet, choice_filter, key_filter, text_filter
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from . import queries
from .enums import Level, ProgrammeStatus


class ProgrammeFilter(QueryFilterSet):
    q = text_filter(_("Suchbegriff"), field_name="name")
    ebene = choice_filter(_("Ebene"), field_name="level", choices=Level.choices, empty_label=_("alle"))
    land = key_filter(
        _("Land"),
        queryset=Territory.objects.filter(kind="land").order_by("name"),
        key="ars",
        pattern=LAND_PATTERN,
        field_name="land",
        help_text=_("Mit den Programmen des Bundes und der EU, die überall gelten"),
    )
    feld = key_filter(
        _("Handlungsfeld"), queryset=Domain.objects.active(), key="key", field_name="domains", label_attribute="label"
    )
    status = choice_filter(_("Status"), field_name="status", choices=ProgrammeStatus.choices, empty_label=_("alle"))

    def query(self, queryset, values):
        return queries.filtered(values, queryset)
