"""REST API of network events (read-only): what calendars and portals need.

Internal events exist only for the people in their network; the online access only for them and the
registered participants (events.rules, the same rule as the pages and calendar files)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from smartregion.core.pagecache import CachedListForVisitors
from smartregion.core.siteurl import absolute

from . import queries
from .filters import EventFilter
from .models import Event


class EventSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    ics = serializers.SerializerMethodField()
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    host = serializers.SlugRelatedField(slug_field="ars", read_only=True)
    agenda = serializers.SerializerMethodField()
    online_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "url", "ics", "network", "kind", "audience", "title", "host", "starts_at", "ends_at", "place",
            "online_url", "description", "capacity", "status", "sequence", "agenda",
        ]  # fmt: skip

    def _absolute(self, path: str) -> str:
        return absolute(path)

    def get_url(self, event) -> str:
        return self._absolute(event.get_absolute_url())

    def get_ics(self, event) -> str:

        return self._absolute(reverse("events:ics", args=[event.network.slug, event.pk]))

    def get_agenda(self, event) -> list[str]:
        return [item.title for item in event.agenda_items.all()]

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_online_url(self, event) -> str:
        """The online access for the people in the network and the registered participants; empty for others."""
        return event.online_url if event.pk in self.context.get("link_events", ()) else ""


class EventViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        return queries.visible_events(
            self.request.user,
            Event.objects.select_related("network", "host")
            .prefetch_related("agenda_items")
            .order_by("starts_at", "pk"),
        )

    def get_serializer(self, *args, **kwargs):
        if args:  # the page of a list, or the one event
            events = args[0] if kwargs.get("many") else [args[0]]
            self._link_events = queries.meeting_link_events(self.request.user, events)
        return super().get_serializer(*args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "link_events": getattr(self, "_link_events", set())}
