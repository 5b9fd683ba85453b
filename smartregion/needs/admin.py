from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Need


@admin.register(Need)
class NeedAdmin(SimpleHistoryAdmin):
    list_display = ["title", "territory", "origin", "status", "is_public"]
    list_filter = ["origin", "status", "is_public"]
    search_fields = ["title", "territory__name"]
    autocomplete_fields = ["territory"]
    filter_horizontal = ["domains"]

    def get_queryset(self, request):
        return Need.all_objects.all()
