"""REST API of the expert directory; contact fields follow their visibility for the requesting user."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from smartregion.core.pagecache import CachedListForVisitors
from smartregion.core.siteurl import absolute

from . import queries
from .filters import ActorFilter
from .models import Actor


class ActorSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    domains = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    keywords = serializers.SlugRelatedField(slug_field="label", many=True, read_only=True)
    regions = serializers.SlugRelatedField(slug_field="ars", many=True, read_only=True)
    home_territory = serializers.SlugRelatedField(slug_field="ars", read_only=True, allow_null=True)
    reference_projects = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    contact = serializers.SerializerMethodField()

    class Meta:
        model = Actor
        fields = [
            "id",
            "url",
            "kind",
            "name",
            "organisation",
            "role",
            "sector",
            "description",
            "domains",
            "keywords",
            "home_territory",
            "nationwide",
            "regions",
            "reference_projects",
            "available_forum",
            "available_review",
            "contact",
        ]

    def get_url(self, actor) -> str:
        return absolute(actor.get_absolute_url())

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_contact(self, actor) -> dict:
        """Only the fields the requesting user may see (public; members only; hidden for owner and curators)."""
        request = self.context.get("request")
        user = request.user if request else None
        return {line.name: line.value for line in queries.visible_contact(actor, user)}


class ActorViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    """Experts and organisations of the Experten-Forum, filtered like the directory page."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilter

    def get_queryset(self):
        if self.action != "list":
            return queries.detail_queryset()
        return queries.list_queryset().prefetch_related("keywords", "regions", "reference_projects")
