"""`/api/v1/offerings`: the catalogue of offerings beyond grants, filtered like its page."""

from rest_framework import serializers, viewsets

from smartregion.core.pagecache import CachedListForVisitors
from smartregion.core.siteurl import absolute

from . import queries
from .filters import OfferingFilter
from .models import Offering


class OfferingSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    domains = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    target_groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    sources = serializers.ListField(source="source_list", child=serializers.CharField(), read_only=True)
    as_of = serializers.CharField(read_only=True, help_text="JJJJ, JJJJ-MM oder JJJJ-MM-TT (as precise as its source)")
    website = serializers.CharField(source="url", read_only=True, help_text="The offering's own page")
    needs_check = serializers.BooleanField(read_only=True, help_text="The source is older than a year or undated")

    class Meta:
        model = Offering
        fields = [
            "id", "url", "code", "name", "short_name", "provider", "level", "land_code", "kind", "target_groups",
            "cost", "domains", "summary", "how_to_use", "contact_url", "website", "sources", "as_of",
            "needs_check", "status",
        ]  # fmt: skip

    def get_url(self, offering) -> str:
        path = offering.get_absolute_url()
        return absolute(path)


class OfferingViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    """Offerings of Bund and Länder beyond grants (advice, labs, platforms, trainings …); a Land's list
    includes the federal ones."""

    serializer_class = OfferingSerializer
    filterset_class = OfferingFilter
    queryset = queries.list_queryset().order_by("name", "pk")
