"""REST API of the data inventory: open datasets for everybody, the others only for their territory;
writing (create, update) with a personal API key that covers the dataset's territory."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from smartregion.core.concurrency import EditConflict
from smartregion.core.pagecache import CachedListForVisitors
from smartregion.core.siteurl import absolute
from smartregion.core.weburl import WEB_URL_SERIALIZER_MAPPING
from smartregion.territories.authentication import ReadOrTokenWrite, token_covers
from smartregion.territories.models import Territory

from . import queries, services
from .filters import DatasetFilter
from .models import Dataset, Distribution
from .services import DATASET_FIELDS


class DistributionSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping, **WEB_URL_SERIALIZER_MAPPING}

    class Meta:
        model = Distribution
        fields = ["title", "access_url", "file_type", "media_type"]


class DatasetSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    territory = serializers.SlugRelatedField(slug_field="ars", queryset=Territory.objects.all())
    domain = serializers.SlugRelatedField(slug_field="key", read_only=True)
    distributions = DistributionSerializer(many=True, required=False)
    revision = serializers.IntegerField(required=False, help_text="Beim Ändern: die gelesene Version.")

    class Meta:
        model = Dataset
        fields = [
            "id", "url", "revision", "territory", "title", "description", "domain", "theme", "publisher",
            "contact_email", "licence", "attribution", "access", "frequency", "temporal_start", "temporal_end",
            "standards", "keywords", "distributions", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "url", "updated_at"]

    def get_url(self, dataset) -> str:
        return absolute(dataset.get_absolute_url())


class ReadOpenSchema(AutoSchema):
    """The OpenAPI schema of a view with `ReadOrTokenWrite` (a permission spectacular cannot read): reading
    needs no authentication (`{}` among the security requirements of GET), writing does."""

    def get_auth(self):
        auths = super().get_auth()
        if self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


class DatasetViewSet(
    CachedListForVisitors,
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):  # fmt: skip
    """Open datasets; a signed-in editor or coordinator sees the others of their territories too.
    Creating and changing needs an API key (`Authorization: Token …`) valid for the dataset's territory."""

    serializer_class = DatasetSerializer
    permission_classes = [ReadOrTokenWrite]
    schema = ReadOpenSchema()
    filterset_class = DatasetFilter

    def get_queryset(self):
        return (
            queries.visible(self.request.user)
            .select_related("territory", "domain")
            .prefetch_related("distributions")
            .order_by("pk")
        )

    def _check_scope(self, territory, permission, obj):
        """The key must cover the territory, and its person must pass the same rule as the pages' forms
        (`opendata.add_dataset` on the territory for a new dataset, `opendata.change_dataset` on the dataset)."""
        if not (token_covers(self.request, territory) and self.request.user.has_perm(permission, obj)):
            raise exceptions.PermissionDenied(_("Der Schlüssel gilt nicht für dieses Gebiet."))

    @transaction.atomic
    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        self._check_scope(data["territory"], "opendata.add_dataset", data["territory"])
        data.pop("revision", None)
        distributions = [dict(row) for row in data.pop("distributions", [])]
        serializer.instance = services.create_dataset(
            territory=data.pop("territory"), by=self.request.user, distributions=distributions, **data
        )

    def update(self, request, *args, **kwargs):
        dataset = self.get_object()
        self._check_scope(dataset.territory, "opendata.change_dataset", dataset)
        serializer = self.get_serializer(dataset, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if data.get("territory", dataset.territory) != dataset.territory:
            raise exceptions.ValidationError(
                {"territory": [_("Das Gebiet eines Datenbestands lässt sich nicht ändern.")]}
            )
        if "revision" not in data:
            raise exceptions.ValidationError({"revision": [_("Bitte die gelesene Version mitschicken.")]})
        distributions = [dict(row) for row in data.pop("distributions")] if "distributions" in data else None
        fields = {name: value for name, value in data.items() if name in DATASET_FIELDS}
        try:
            updated = services.update_dataset(
                dataset, expected_revision=data["revision"], by=request.user, distributions=distributions, **fields
            )
        except EditConflict as conflict:
            current = self.get_serializer(conflict.current).data
            return Response({"detail": _("Inzwischen geändert."), "current": current}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(updated).data)
