"""REST API of Digitalisierungskonzepte (read-only): published ones for everyone, drafts for their writers."""

from django.urls import reverse
from rest_framework import serializers, viewsets

from smartregion.core.api import AbsoluteUrls
from smartregion.core.pagecache import CachedListForVisitors

from . import queries
from .filters import AgendaFilter
from .models import Agenda


class AgendaSerializer(serializers.ModelSerializer, AbsoluteUrls):
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
        return queries.visible_to(self.request.user).select_related("territory").order_by("pk")
