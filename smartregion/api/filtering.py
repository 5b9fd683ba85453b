"""Query parameters of the API: what the schema lists is what the API accepts, nothing else.

Every viewset filters through `StrictFilterBackend` (settings: DEFAULT_FILTER_BACKENDS): its django-filter
FilterSet (`filterset_class`, from the app's `filters.py`) validates and applies the values, and a parameter
the operation does not know – a typo, a filter of another list – is answered with 400 and the list of the
allowed ones instead of being ignored. The same check serves views without a FilterSet (`check_parameters`).
"""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend

from smartregion.core.filtering import check_parameters, refuse


def allowed_parameters(view, filterset_class=None) -> set[str]:
    """The query parameters of this operation: the list's filters and paging; none for a single object."""
    if getattr(view, "action", None) != "list":
        return set()
    names = set(filterset_class.base_filters) if filterset_class else set()
    names |= set(getattr(view, "query_parameters", ()))
    paginator = getattr(view, "paginator", None)
    if paginator is not None:
        names |= set(getattr(paginator, "query_parameters", ()))
    return names


class StrictFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset) if getattr(view, "action", None) == "list" else None
        check_parameters(request, allowed_parameters(view, filterset_class))
        if filterset_class is None:
            return queryset
        filterset = filterset_class(**self.get_filterset_kwargs(request, queryset, view))
        if not filterset.is_valid():
            errors = {name: [str(message) for message in messages] for name, messages in filterset.errors.items()}
            raise refuse(
                _("Ungültiger Wert für: %(names)s.") % {"names": ", ".join(sorted(errors))},
                allowed=allowed_parameters(view, filterset_class),
                errors=errors,
            )
        return filterset.qs
