"""REST API of needs: public ones for everybody, the others for their territory and its coordinators."""

from rest_framework import serializers, viewsets

from smartregion.core.pagecache import CachedListForVisitors

from . import queries
from .filters import NeedFilter
from .models import Need


class NeedSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    territory = serializers.SlugRelatedField(slug_field="ars", read_only=True)
    domains = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = Need
        fields = [
            "id",
            "url",
            "territory",
            "title",
            "description",
            "domains",
            "origin",
            "status",
            "is_public",
            "created_at",
        ]

    def get_url(self, need) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(need.get_absolute_url()) if request else need.get_absolute_url()


class NeedViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = NeedSerializer
    filterset_class = NeedFilter

    def get_queryset(self):
        return queries.list_queryset(self.request.user)
