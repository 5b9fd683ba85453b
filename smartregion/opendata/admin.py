from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Dataset, Distribution


class DistributionInline(admin.TabularInline):
    model = Distribution
    extra = 0


@admin.register(Dataset)
class DatasetAdmin(SimpleHistoryAdmin):
    list_display = ["title", "territory", "theme", "access"]
    list_filter = ["access", "theme"]
    search_fields = ["title"]
    raw_id_fields = ["territory"]
    inlines = [DistributionInline]

    def get_queryset(self, request):
        return Dataset.all_objects.select_related("territory")
