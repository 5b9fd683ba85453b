"""REST API of the data inventory: open datasets for everybody; the others only for their territory."""

from rest_framework import serializers, viewsets

from . import queries
from .models import Dataset, Distribution


class DistributionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Distribution
        fields = ["title", "access_url", "file_type", "media_type"]


class DatasetSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    territory = serializers.SlugRelatedField(slug_field="ars", read_only=True)
    domain = serializers.SlugRelatedField(slug_field="key", read_only=True)
    distributions = DistributionSerializer(many=True, read_only=True)

    class Meta:
        model = Dataset
        fields = [
            "id", "url", "territory", "title", "description", "domain", "theme", "publisher", "licence", "attribution",
            "access", "frequency", "temporal_start", "temporal_end", "standards", "keywords", "distributions",
            "updated_at",
        ]  # fmt: skip

    def get_url(self, dataset) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(dataset.get_absolute_url()) if request else dataset.get_absolute_url()


class DatasetViewSet(viewsets.ReadOnlyModelViewSet):
    """Open datasets; a signed-in editor or coordinator sees the others of their territories too."""

    serializer_class = DatasetSerializer

    def get_queryset(self):
        return (
            queries.visible(self.request.user)
            .select_related("territory", "domain")
            .prefetch_related("distributions")
            .order_by("pk")
        )
