"""REST API for assessments: only what the requester may see (public, shared with their networks, own)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from smartregion.core.pagecache import CachedListForVisitors
from smartregion.core.siteurl import absolute

from . import queries
from .filters import AssessmentFilter
from .models import Assessment


class AssessmentSerializer(serializers.ModelSerializer):
    territory = serializers.SerializerMethodField()
    matrix = serializers.CharField(source="matrix.version")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "url",
            "territory",
            "cycle",
            "matrix",
            "status",
            "visibility",
            "submitted_at",
            "overall_index",
            "domain_scores",
            "dimension_scores",
        ]

    def get_territory(self, assessment) -> dict:
        return {"ars": assessment.territory.ars, "code": assessment.territory.code, "name": assessment.territory.name}

    def get_url(self, assessment) -> str:
        return absolute(assessment.get_absolute_url())


@extend_schema_view(
    list=extend_schema(summary="Selbsteinschätzungen, die Sie sehen dürfen (öffentliche, geteilte, eigene)"),
    retrieve=extend_schema(summary="Eine Selbsteinschätzung mit ihren Indizes"),
)
class AssessmentViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_queryset(self):
        return queries.list_queryset(self.request.user).order_by("-cycle", "territory__name", "id")
