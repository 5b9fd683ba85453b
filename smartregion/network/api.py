"""REST API of networks (read-only). A network's calendar link comes from the events app (`core.helplinks`,
topic "network_calendar"), which sits above network."""

from rest_framework import serializers, viewsets

from smartregion.core.api import AbsoluteUrls
from smartregion.core.helplinks import help_for
from smartregion.core.pagecache import CachedListForVisitors

from .filters import NetworkFilter
from .models import Network


class NetworkSerializer(serializers.ModelSerializer, AbsoluteUrls):
    url = serializers.SerializerMethodField()
    land = serializers.SlugRelatedField(slug_field="ars", read_only=True, allow_null=True)
    members = serializers.SlugRelatedField(source="territories", slug_field="ars", many=True, read_only=True)
    events = serializers.SerializerMethodField()

    class Meta:
        model = Network
        fields = ["id", "url", "slug", "name", "description", "organisation", "land", "website", "members", "events"]

    def get_url(self, network) -> str:
        return self._absolute(network.get_absolute_url())

    def get_events(self, network) -> str:
        calendar = help_for("network_calendar", [network]).get(network.pk, "")
        return self._absolute(calendar) if calendar else ""


class NetworkViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = NetworkSerializer
    filterset_class = NetworkFilter
    queryset = Network.objects.select_related("land").prefetch_related("territories").order_by("name", "pk")
