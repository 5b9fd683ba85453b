"""One filter definition for the glossary: the list page uses it (the site search asks queries.filtered)."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import QueryFilterSet, text_filter

from . import queries


class TermFilter(QueryFilterSet):
    q = text_filter(_("Begriff suchen"), max_length=100)

    def query(self, queryset, values):
        return queries.filtered(values.get("q", ""), queryset)
