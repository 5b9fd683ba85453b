from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Offering


@admin.register(Offering)
class OfferingAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "land_code", "kind", "cost", "status", "as_of"]
    list_filter = ["level", "land_code", "kind", "cost", "status"]
    search_fields = ["code", "name", "short_name", "provider"]

    def get_queryset(self, request):
        return Offering.all_objects.all()
