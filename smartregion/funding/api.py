"""REST API of funding programmes (read-only), filtered like the catalogue page."""

from rest_framework import serializers, viewsets

from smartregion.core.api import AbsoluteUrls
from smartregion.core.pagecache import CachedListForVisitors

from .filters import ProgrammeFilter
from .models import FundingProgramme


class ProgrammeSerializer(serializers.ModelSerializer, AbsoluteUrls):
    url = serializers.SerializerMethodField()
    land = serializers.SlugRelatedField(slug_field="ars", read_only=True, allow_null=True)
    domains = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = FundingProgramme
        fields = [
            "id", "url", "code", "name", "short_name", "level", "land", "provider", "applicants", "domains",
            "funding_type", "max_rate_percent", "max_amount_eur", "valid_from", "valid_until", "deadline_text",
        ]  # fmt: skip

    def get_url(self, programme) -> str:
        return self._absolute(programme.get_absolute_url())


class ProgrammeViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    """Funding programmes, filtered like the catalogue page (programmes of a Land include the federal ones)."""

    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    queryset = FundingProgramme.objects.select_related("land").prefetch_related("domains").order_by("name", "pk")
