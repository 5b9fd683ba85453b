from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GapRecommendation


@admin.register(GapRecommendation)
class GapRecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["network", "grouping", "key", "updated_at"]
    list_filter = ["grouping"]
    raw_id_fields = ["network", "updated_by"]
    search_fields = ["text", "key"]
