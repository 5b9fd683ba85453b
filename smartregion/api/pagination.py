from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination

from smartregion.core.filtering import refuse

from .filtering import allowed_parameters


class StandardPagination(PageNumberPagination):
    """Every list: `?page=N&page_size=M` (M from 1 to 200, default 50); answers carry count, next and previous.
    A page or page size that is no whole number in range is a 400 (the schema's bounds); a page after the
    last one is a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()

    @property
    def query_parameters(self) -> tuple[str, str]:
        return (self.page_query_param, self.page_size_query_param)

    @staticmethod
    def _whole_number(text: str, *, minimum: int, maximum: int | None = None) -> int | None:
        text = text.strip()
        if not text.isascii() or not text.isdigit():
            return None
        number = int(text)
        if number < minimum or (maximum is not None and number > maximum):
            return None
        return number

    def get_page_size(self, request):
        text = request.query_params.get(self.page_size_query_param)
        if text is None:
            return self.page_size
        size = self._whole_number(text, minimum=1, maximum=self.max_page_size)
        if size is None:
            raise refuse(
                _("page_size muss eine ganze Zahl von 1 bis %(maximum)d sein.") % {"maximum": self.max_page_size},
                allowed=self._allowed(),
            )
        return size

    def _allowed(self) -> set[str]:
        view = getattr(self, "_view", None)
        return allowed_parameters(view, getattr(view, "filterset_class", None)) if view else set(self.query_parameters)

    def paginate_queryset(self, queryset, request, view=None):
        self._view = view
        text = request.query_params.get(self.page_query_param)
        if text is not None and self._whole_number(text, minimum=1) is None:
            raise refuse(
                _("page muss eine ganze Zahl ab 1 sein."),
                allowed=self._allowed(),
            )
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
