from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Guide, GuideAttachment, Recommendation, Stocktake, StocktakeEntry


@admin.register(Guide)
class GuideAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "as_of", "review_due", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "summary"]

    def get_queryset(self, request):
        return Guide.all_objects.all()


@admin.register(GuideAttachment)
class GuideAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "guide", "kind", "size"]

    def get_queryset(self, request):
        return GuideAttachment.all_objects.select_related("guide")


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["position", "title", "phase"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return Recommendation.all_objects.all()


@admin.register(Stocktake)
class StocktakeAdmin(admin.ModelAdmin):
    list_display = ["territory", "updated_at"]
    raw_id_fields = ["territory"]


@admin.register(StocktakeEntry)
class StocktakeEntryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "stocktake"]
