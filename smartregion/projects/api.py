"""REST API for the project catalog: the same visibility and filters as the pages."""

from django import forms
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from smartregion.core.pagecache import CachedListForVisitors
from smartregion.core.siteurl import absolute
from smartregion.taxonomy.models import Domain, Keyword

from . import queries
from .filters import ProjectFilter, ProjectFilterForm
from .models import Project


class TerritoryRefSerializer(serializers.Serializer):
    ars = serializers.CharField()
    name = serializers.CharField()


class ProjectSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    lead_territory = TerritoryRefSerializer(allow_null=True)
    land = serializers.SlugRelatedField(slug_field="ars", read_only=True, allow_null=True)
    kreis = serializers.SlugRelatedField(slug_field="ars", read_only=True, allow_null=True)
    primary_domain = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    # Keys and labels read for a whole page at once (queries.attach_labels), not a queryset per project.
    domains = serializers.ListField(
        child=serializers.CharField(label=Domain._meta.get_field("key").verbose_name),
        source="domain_keys",
        read_only=True,
    )
    keywords = serializers.ListField(
        child=serializers.CharField(label=Keyword._meta.get_field("label").verbose_name),
        source="keyword_labels",
        read_only=True,
    )
    contact = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "url",
            "title",
            "summary",
            "problem",
            "solution",
            "lead_territory",
            "lead_label",
            "land",
            "kreis",
            "size_class",
            "latitude",
            "longitude",
            "primary_domain",
            "domains",
            "keywords",
            "status",
            "start_year",
            "end_year",
            "funding_sources",
            "partner_organisations",
            "prerequisites",
            "effort",
            "running_costs",
            "operator_model",
            "data_used",
            "interfaces_standards",
            "open_source",
            "licence",
            "repository_url",
            "lessons_learned",
            "is_reusable",
            "adopted_from",
            "origin",
            "source_urls",
            "source_as_of",
            "published_at",
            "contact",
        ]

    def get_url(self, project) -> str:
        path = project.get_absolute_url()
        return absolute(path)

    def get_contact(self, project) -> dict | None:
        """Only with the contact person's consent."""
        if not project.contact_consent:
            return None
        return {"name": project.contact_name, "email": project.contact_email, "phone": project.contact_phone}


RELATED_COLUMNS = {
    "lead_territory": ("lead_territory__ars", "lead_territory__name"),
    "land": ("land__ars",),
    "kreis": ("kreis__ars",),
    "primary_domain": ("primary_domain__key",),
}
_OWN_COLUMNS = {field.name for field in Project._meta.concrete_fields} - set(RELATED_COLUMNS)
# The columns the serializer reads (a project row with its three territories has about 140; an answer of 50
# projects spent more time building the unused ones than the database took to find them).
API_COLUMNS = (
    *(name for name in ProjectSerializer.Meta.fields if name in _OWN_COLUMNS),
    "publication",  # get_absolute_url, visibility
    "contact_consent", "contact_name", "contact_email", "contact_phone",  # get_contact
    *(column for columns in RELATED_COLUMNS.values() for column in columns),
)  # fmt: skip


def _parameter(name, field) -> OpenApiParameter:
    """The schema of one catalog filter, from its form field: type, bounds, choices (empty: no filter)."""
    label = str(field.label)
    if isinstance(field, forms.BooleanField):
        return OpenApiParameter(name, OpenApiTypes.BOOL, description=label)
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}
        return OpenApiParameter(name, schema, description=label)
    if isinstance(field, forms.ChoiceField):
        values = [value for value, _label in field.choices if value != ""]
        return OpenApiParameter(name, OpenApiTypes.STR, enum=["", *values], description=label)
    if isinstance(field, forms.SlugField):  # a key (Handlungsfeld): what validate_slug accepts, or empty
        pattern = f"^[-a-zA-Z0-9_]{{0,{field.max_length or 200}}}$"
        return OpenApiParameter(name, {"type": "string", "pattern": pattern}, description=label)
    if isinstance(field, forms.RegexField):
        pattern = "^(?:" + field.regex.pattern.removeprefix("^").removesuffix("$") + ")?$"
        return OpenApiParameter(name, {"type": "string", "pattern": pattern}, description=label)
    return OpenApiParameter(name, {"type": "string", "maxLength": field.max_length or 200}, description=label)


FILTER_PARAMETERS = [_parameter(name, field) for name, field in ProjectFilterForm.base_fields.items()]


@extend_schema_view(list=extend_schema(parameters=FILTER_PARAMETERS))
class ProjectViewSet(CachedListForVisitors, viewsets.ReadOnlyModelViewSet):
    """Published projects (and, for their editors, drafts), filtered like the catalog page."""

    serializer_class = ProjectSerializer
    query_parameters = tuple(ProjectFilterForm.base_fields)

    def get_queryset(self):
        queryset = queries.list_queryset(self.request.user).only(*API_COLUMNS)
        if self.action != "list":
            return queryset
        project_filter = ProjectFilter(
            self.request.query_params, published_only=queries.sees_only_published(self.request.user)
        )
        if not project_filter.is_valid:
            errors = {name: [str(message) for message in messages] for name, messages in project_filter.errors.items()}
            raise ValidationError(
                {
                    "detail": _("Ungültiger Wert für: %(names)s.") % {"names": ", ".join(sorted(errors))},
                    "allowed": sorted([*self.query_parameters, "page", "page_size"]),
                    "errors": errors,
                }
            )
        return project_filter.apply(queryset, facets=False)

    def get_serializer(self, *args, **kwargs):
        if args:  # a page of projects, or one
            queries.attach_labels(args[0] if isinstance(args[0], list) else [args[0]])
        return super().get_serializer(*args, **kwargs)
