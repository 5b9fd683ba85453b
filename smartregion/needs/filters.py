"""One filter definition for the list of needs: the list page and the API use it."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import ARS_PATTERN, QueryFilterSet, choice_filter, key_filter, text_filter
from smartregion.taxonomy.models import Domain

from . import queries
from .enums import NeedOrigin, NeedStatus


class NeedFilter(QueryFilterSet):
    q = text_filter(_("Suchbegriff"), field_name="title")
    feld = key_filter(
        _("Handlungsfeld"), queryset=Domain.objects.active(), key="key", field_name="domains", label_attribute="label"
    )
    status = choice_filter(_("Status"), field_name="status", choices=NeedStatus.choices, empty_label=_("alle"))
    herkunft = choice_filter(_("Herkunft"), field_name="origin", choices=NeedOrigin.choices, empty_label=_("alle"))
    gebiet = text_filter(
        _("Gebiet (Schlüssel)"),
        field_name="territory",
        regex=ARS_PATTERN,
        max_length=12,
        help_text=_("Regionalschlüssel (ARS) der Kommune, ihres Kreises oder Landes"),
    )

    def query(self, queryset, values):
        return queries.filtered(values, queryset)
