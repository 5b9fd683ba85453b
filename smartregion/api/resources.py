"""Read endpoints of the reference data and of published agendas (territories, networks, funding
programmes, Digitalisierungskonzepte). Same visibility as the pages; lists paged and filtered alike."""

from django.urls import reverse
from rest_framework import serializers, viewsets

from smartregion.agendas import queries as agenda_queries
from smartregion.agendas.filters import AgendaFilter
from smartregion.agendas.models import Agenda
from smartregion.core.pagecache import CachedListForVisitors
from smartregion.funding.filters import ProgrammeFilter
from smartregion.funding.models import FundingProgramme
from smartregion.network.filters import NetworkFilter
from smartregion.network.models import Network
from smartregion.territories.filters import TerritoryFilter
from smartregion.territories.models import Territory


class _AbsoluteUrl(serializers.Serializer):
    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class TerritorySerializer(serializers.ModelSerializer, _AbsoluteUrl):
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


class NetworkSerializer(serializers.ModelSerializer, _AbsoluteUrl):
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
        return self._absolute(reverse("network:events_ics", args=[network.slug]))


class NetworkViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    serializer_class = NetworkSerializer
    filterset_class = NetworkFilter
    queryset = Network.objects.select_related("land").prefetch_related("territories").order_by("name", "pk")


class ProgrammeSerializer(serializers.ModelSerializer, _AbsoluteUrl):
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


class AgendaSerializer(serializers.ModelSerializer, _AbsoluteUrl):
    url = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()
    territory = serializers.SlugRelatedField(slug_field="ars", read_only=True)

    class Meta:
        model = Agenda
        fields = [
            "id", "url", "document", "territory", "title", "status", "start_year", "target_year", "vision",
            "decision_date", "decision_reference",
        ]  # fmt: skip

    def get_url(self, agenda) -> str:
        return self._absolute(agenda.get_absolute_url())

    def get_document(self, agenda) -> str:
        """The whole agenda (parts, goals, measures, budgets, participation) as JSON."""
        return self._absolute(reverse("agendas:export", args=[agenda.pk, "json"]))


class AgendaViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    """Published agendas (from the consultation on); drafts only for their writers and coordinators."""

    serializer_class = AgendaSerializer
    filterset_class = AgendaFilter

    def get_queryset(self):
        return agenda_queries.visible_to(self.request.user).select_related("territory").order_by("pk")
