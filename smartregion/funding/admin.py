from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Deadline, FundingProgramme


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "land", "status", "as_of"]
    list_filter = ["level", "status"]
    search_fields = ["code", "name", "short_name"]
    inlines = [DeadlineInline]

    def get_queryset(self, request):
        return FundingProgramme.all_objects.select_related("land")
