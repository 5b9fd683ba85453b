"""REST API of territories (read-only): the register as the pages show it, filtered like the search."""

from rest_framework import serializers, viewsets

from smartregion.core.api import AbsoluteUrls
from smartregion.core.pagecache import CachedListForVisitors

from .filters import TerritoryFilter
from .models import Territory


class TerritorySerializer(serializers.ModelSerializer, AbsoluteUrls):
    url = serializers.SerializerMethodField()
    land = serializers.SlugRelatedField(slug_field="ars", read_only=True, allow_null=True)

    class Meta:
        model = Territory
        fields = [
            "id",
            "url",
            "ars",
            "ags",
            "name",
            "short_name",
            "kind",
            "land",
            "population",
            "latitude",
            "longitude",
        ]

    def get_url(self, territory) -> str:
        return self._absolute(territory.get_absolute_url())


class TerritoryViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = TerritorySerializer
    filterset_class = TerritoryFilter
    queryset = Territory.objects.filter(is_active=True).select_related("land").order_by("ars", "pk")
