"""REST API of network events (read-only, public): what calendars and portals need."""

from rest_framework import serializers, viewsets

from smartregion.core.pagecache import CachedListForVisitors

from .models import Event


class EventSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    ics = serializers.SerializerMethodField()
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    host = serializers.SlugRelatedField(slug_field="ars", read_only=True)
    agenda = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "url", "ics", "network", "kind", "title", "host", "starts_at", "ends_at", "place", "online_url",
            "description", "capacity", "status", "sequence", "agenda",
        ]  # fmt: skip

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, event) -> str:
        return self._absolute(event.get_absolute_url())

    def get_ics(self, event) -> str:
        from django.urls import reverse

        return self._absolute(reverse("network:event_ics", args=[event.network.slug, event.pk]))

    def get_agenda(self, event) -> list[str]:
        return [item.title for item in event.agenda_items.all()]


class EventViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer

    def get_queryset(self):
        queryset = (
            Event.objects.select_related("network", "host").prefetch_related("agenda_items").order_by("starts_at", "pk")
        )
        network = self.request.query_params.get("network")
        return queryset.filter(network__slug=network) if network else queryset
