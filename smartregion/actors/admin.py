from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Actor


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "sector", "organisation", "available_forum", "available_review"]
    list_filter = ["kind", "sector", "available_forum", "available_review"]
    search_fields = ["name", "organisation"]
    autocomplete_fields = ["home_territory", "user"]
    raw_id_fields = ["regions", "reference_projects", "keywords"]
    filter_horizontal = ["domains"]

    def get_queryset(self, request):
        return Actor.all_objects.all()
