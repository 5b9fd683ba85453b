"""The public REST API, version 1. Read is public for public data; OpenAPI at /api/schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from smartregion.actors.api import ActorViewSet
from smartregion.agendas.api import AgendaViewSet
from smartregion.assessments.api import AssessmentViewSet
from smartregion.core.middleware import with_documentation_csp
from smartregion.events.api import EventViewSet
from smartregion.funding.api import ProgrammeViewSet
from smartregion.matching.api import MatchesView
from smartregion.needs.api import NeedViewSet
from smartregion.network.api import NetworkViewSet
from smartregion.offerings.api import OfferingViewSet
from smartregion.opendata.api import DatasetViewSet
from smartregion.projects.api import ProjectViewSet
from smartregion.territories.api import TerritoryViewSet

router = DefaultRouter(trailing_slash=False)
router.register("projects", ProjectViewSet, basename="project")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("actors", ActorViewSet, basename="actor")
router.register("needs", NeedViewSet, basename="need")
router.register("events", EventViewSet, basename="event")
router.register("datasets", DatasetViewSet, basename="dataset")
router.register("territories", TerritoryViewSet, basename="territory")
router.register("networks", NetworkViewSet, basename="network")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("offerings", OfferingViewSet, basename="offering")
router.register("agendas", AgendaViewSet, basename="agenda")

urlpatterns = [
    path("v1/matches", MatchesView.as_view(), name="matches"),
    path("v1/", include(router.urls)),
    path("schema", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs", with_documentation_csp(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
]
