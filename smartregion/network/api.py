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
    members = serializers.SerializerMethodField(
        help_text="Die Mitglieder: ihr Amtlicher Regionalschlüssel (ARS); ein Verbund, der keinen hat, mit seinem "
        "Kennzeichen auf der Plattform (verbund-…)."
    )
    events = serializers.SerializerMethodField()

    class Meta:
        model = Network
        fields = ["id", "url", "slug", "name", "description", "organisation", "land", "website", "members", "events"]

    def get_url(self, network) -> str:
        return self._absolute(network.get_absolute_url())

    def get_members(self, network) -> list[str]:
        return [territory.ars or territory.code for territory in network.territories.all()]

    def get_events(self, network) -> str:
        calendar = help_for("network_calendar", [network]).get(network.pk, "")
        return self._absolute(calendar) if calendar else ""


class NetworkViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = NetworkSerializer
    filterset_class = NetworkFilter
    queryset = Network.objects.select_related("land").prefetch_related("territories").order_by("name", "pk")
