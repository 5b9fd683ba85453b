"""One filter definition for the offerings catalogue: the list page, its exports and the API use it."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import QueryFilterSet, choice_filter, key_filter, text_filter
from smartregion.taxonomy.models import Domain

from . import queries
from .enums import Cost, Kind, Land, Level, OfferingStatus, TargetGroup


class OfferingFilter(QueryFilterSet):
    q = text_filter(_("Suchbegriff"), field_name="name")
    land = choice_filter(
        _("Land"),
        field_name="land_code",
        choices=Land.choices,
        help_text=_("Mit den Angeboten des Bundes, die überall gelten"),
    )
    ebene = choice_filter(_("Ebene"), field_name="level", choices=Level.choices)
    art = choice_filter(_("Art"), field_name="kind", choices=Kind.choices)
    zielgruppe = choice_filter(_("Zielgruppe"), field_name="target_groups", choices=TargetGroup.choices)
    feld = key_filter(
        _("Handlungsfeld"), queryset=Domain.objects.active(), key="key", field_name="domains", label_attribute="label"
    )
    kosten = choice_filter(_("Kosten"), field_name="cost", choices=Cost.choices)
    status = choice_filter(_("Status"), field_name="status", choices=OfferingStatus.choices)

    def query(self, queryset, values):
        return queries.filtered(values, queryset)
