"""One filter definition for lists of self-assessments (the API's list)."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.filtering import ARS_PATTERN, QueryFilterSet, choice_filter, text_filter, whole_number_filter

from .enums import AssessmentStatus


class AssessmentFilter(QueryFilterSet):
    gebiet = text_filter(_("Gebiet (Regionalschlüssel)"), field_name="territory", regex=ARS_PATTERN, max_length=12)
    zyklus = whole_number_filter(_("Zyklus (Jahr)"), field_name="cycle", minimum=2000, maximum=2100)
    status = choice_filter(_("Status"), field_name="status", choices=AssessmentStatus.choices)

    def query(self, queryset, values):
        if "gebiet" in values:
            queryset = queryset.filter(territory__ars=values["gebiet"])
        if "zyklus" in values:
            queryset = queryset.filter(cycle=values["zyklus"])
        if "status" in values:
            queryset = queryset.filter(status=values["status"])
        return queryset
