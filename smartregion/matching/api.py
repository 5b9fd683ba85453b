"""`GET /api/v1/matches`: the same ranking and explanations as the pages."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from smartregion.assessments import queries as assessment_queries
from smartregion.assessments.models import Answer
from smartregion.core.filtering import check_parameters
from smartregion.funding.models import FundingProgramme
from smartregion.needs import queries as need_queries
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from . import engine, sources


class ProjectResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item.pk")
    title = serializers.CharField(source="item.title")
    url = serializers.CharField(source="item.get_absolute_url")
    score = serializers.FloatField()
    explanation = serializers.CharField()
    signals = serializers.DictField(child=serializers.FloatField())


class ActorResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item.pk")
    name = serializers.CharField(source="item.name")
    sector = serializers.CharField(source="item.sector")
    url = serializers.CharField(source="item.get_absolute_url")
    score = serializers.FloatField()
    explanation = serializers.CharField()
    signals = serializers.DictField(child=serializers.FloatField())


class ProgrammeResultSerializer(serializers.Serializer):
    code = serializers.CharField(source="item.code")
    name = serializers.CharField(source="item.name")
    url = serializers.CharField(source="item.get_absolute_url")
    score = serializers.FloatField()
    explanation = serializers.CharField()
    signals = serializers.DictField(child=serializers.FloatField())


class OfferingResultSerializer(serializers.Serializer):
    code = serializers.CharField(source="item.code")
    name = serializers.CharField(source="item.name")
    url = serializers.CharField(source="item.get_absolute_url")
    score = serializers.FloatField()
    explanation = serializers.CharField()
    signals = serializers.DictField(child=serializers.FloatField())


class ExcludedSerializer(serializers.Serializer):
    code = serializers.CharField(source="programme.code")
    name = serializers.CharField(source="programme.name")
    reason = serializers.CharField()


class MatchesSerializer(serializers.Serializer):
    label = serializers.CharField(source="query.label")
    projects = ProjectResultSerializer(many=True)
    actors = ActorResultSerializer(many=True)
    programmes = ProgrammeResultSerializer(many=True)
    excluded_programmes = ExcludedSerializer(many=True)
    offerings = OfferingResultSerializer(many=True)


PARAMETERS = [
    OpenApiParameter("need", OpenApiTypes.INT, description="Matches for a need (id)"),
    OpenApiParameter("assessment", OpenApiTypes.INT, description="Matches for a gap: the assessment (id) …"),
    OpenApiParameter("cell", OpenApiTypes.INT, description="… and the matrix cell (id)"),
    OpenApiParameter("text", OpenApiTypes.STR, description="Free query: words"),
    OpenApiParameter("domain", OpenApiTypes.STR, many=True, description="Free query: Handlungsfeld keys"),
    OpenApiParameter("territory", OpenApiTypes.STR, description="Free query: the asking territory's ARS"),
    OpenApiParameter("funding_used", OpenApiTypes.STR, many=True, description="Programme codes already used"),
]


class MatchesView(APIView):
    """Projects, experts, eligible funding programmes and fitting offerings beyond grants (advice, platforms,
    labs …) for a need, an assessment gap or a free query, each with the points of its signals and a sentence
    explaining it."""

    @extend_schema(parameters=PARAMETERS, responses=MatchesSerializer)
    def get(self, request):
        check_parameters(request, [parameter.name for parameter in PARAMETERS])
        params = request.query_params
        used = tuple(
            FundingProgramme.objects.filter(code__in=params.getlist("funding_used")).values_list("pk", flat=True)
        )
        query = self._query(request, params, used)
        matches = engine.match(query, today=timezone.localdate())
        return Response(MatchesSerializer(matches).data)

    def _query(self, request, params, used):
        try:
            if params.get("need"):
                need = need_queries.visible_to(request.user).filter(pk=int(params["need"])).first()
                if need is None:
                    raise NotFound
                return sources.for_need(need, funding_used_ids=used)
            if params.get("assessment") and params.get("cell"):
                assessment = assessment_queries.visible_to(request.user).filter(pk=int(params["assessment"])).first()
                answer = (
                    Answer.objects.filter(assessment=assessment, cell_id=int(params["cell"]))
                    .select_related("assessment__territory", "cell__domain", "cell__dimension")
                    .first()
                    if assessment
                    else None
                )
                if answer is None or answer.target_level is None:
                    raise NotFound
                return sources.for_gap(answer, funding_used_ids=used)
        except ValueError:
            raise ValidationError({"detail": _("need, assessment und cell sind Zahlen.")}) from None
        text = params.get("text", "").strip()
        if not text:
            raise ValidationError({"detail": _("Bitte need, assessment und cell angeben – oder text.")})
        territory = Territory.objects.filter(ars=params["territory"]).first() if params.get("territory") else None
        domains = tuple(Domain.objects.filter(key__in=params.getlist("domain")).values_list("pk", flat=True))
        return engine.MatchQuery(
            text=text[:500], domain_ids=domains, territory=territory, funding_used_ids=used, label=text[:200]
        )
