"""One filter definition per list of the events app: events (API list)."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import QueryFilterSet, choice_filter, date_filter, text_filter

from .models import Event, EventKind


class EventFilter(QueryFilterSet):
    network = text_filter(_("Kurzname des Netzwerks"), field_name="network", max_length=80)
    kind = choice_filter(_("Art"), field_name="kind", choices=EventKind.choices)
    status = choice_filter(_("Status"), field_name="status", choices=Event.Status.choices)
    from_date = date_filter(_("Beginn ab (Datum, JJJJ-MM-TT)"), field_name="starts_at")

    def query(self, queryset, values):
        if "network" in values:
            queryset = queryset.filter(network__slug=values["network"])
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        if "status" in values:
            queryset = queryset.filter(status=values["status"])
        if "from_date" in values:
            queryset = queryset.filter(starts_at__date__gte=values["from_date"])
        return queryset
