"""One filter definition for the guides of the Werkzeugkasten: the list page uses it (the site search asks
queries.guide_list)."""

from django.utils.translation import gettext_lazy as _

from smartregion.assessments.matrix import current_matrix
from smartregion.assessments.models import Dimension
from smartregion.core.filtering import QueryFilterSet, choice_filter, key_filter, text_filter
from smartregion.taxonomy.models import Domain

from . import queries
from .enums import GuideKind, Phase


class GuideFilter(QueryFilterSet):
    q = text_filter(_("Suchbegriff"))
    kind = choice_filter(_("Art"), field_name="kind", choices=GuideKind.choices)
    phase = choice_filter(_("Phase"), field_name="phases", choices=Phase.choices)
    domain = key_filter(
        _("Handlungsfeld"), queryset=Domain.objects.active(), key="key", field_name="domains", label_attribute="label"
    )
    dimension = key_filter(
        _("Dimension der Matrix"),
        queryset=Dimension.objects.none(),
        key="key",
        field_name="dimension_keys",
        label_attribute="label",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matrix = current_matrix()
        if matrix is not None:
            self.form.fields["dimension"].queryset = matrix.dimensions.all()

    def query(self, queryset, values):
        return queries.filtered_guides(queryset, **values)
