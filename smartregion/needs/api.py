"""REST API of needs: public ones for everybody, the others for their territory and its coordinators."""

from rest_framework import serializers, viewsets

from smartregion.core.pagecache import CachedListForVisitors
from smartregion.core.siteurl import absolute

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
        return absolute(need.get_absolute_url())


class NeedViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = NeedSerializer
    filterset_class = NeedFilter

    def get_queryset(self):
        return queries.list_queryset(self.request.user)
