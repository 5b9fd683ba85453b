from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agenda, AgendaActor, ExistingConcept, Goal, GoalTarget, Measure, ProgressUpdate


@admin.register(Agenda)
class AgendaAdmin(SimpleHistoryAdmin):
    list_display = ["title", "territory", "status", "start_year", "target_year", "is_example"]
    list_filter = ["status", "is_example"]
    search_fields = ["title", "territory__name"]
    autocomplete_fields = ["territory"]
    raw_id_fields = ["consultation", "team_discussion", "created_by"]

    def get_queryset(self, request):
        return Agenda.all_objects.select_related("territory")


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agenda", "starts_on", "ends_on", "status", "progress"]
    list_filter = ["status"]
    search_fields = ["title", "agenda__title"]
    raw_id_fields = ["agenda", "responsible_actor", "responsible_territory", "funding_programme", "adopted_from"]
    filter_horizontal = ["goals", "domains", "depends_on"]

    def get_queryset(self, request):
        return Measure.all_objects.select_related("agenda")


for model in (ExistingConcept, AgendaActor, Goal, GoalTarget, ProgressUpdate):
    admin.site.register(model, SimpleHistoryAdmin)
