from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Answer, Assessment, Cell, Dimension, MatrixVersion, PeerStatistic, Review, ReviewComment


@admin.register(MatrixVersion)
class MatrixVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "title_de", "previous", "loaded_at"]
    readonly_fields = ["checksum", "loaded_at"]


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["label_de", "key", "matrix", "position"]
    list_filter = ["matrix"]


@admin.register(Cell)
class CellAdmin(admin.ModelAdmin):
    list_display = ["__str__", "matrix"]
    list_filter = ["matrix", "dimension__key"]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["territory", "cycle", "status", "visibility", "overall_index"]
    list_filter = ["status", "visibility", "cycle"]
    search_fields = ["territory__name"]
    raw_id_fields = ["territory", "copied_from", "submitted_by"]

    def get_queryset(self, request):
        return Assessment.all_objects.select_related("territory")


@admin.register(Answer)
class AnswerAdmin(SimpleHistoryAdmin):
    list_display = ["assessment", "cell", "current_level", "target_level", "not_relevant"]
    raw_id_fields = ["assessment", "projects"]


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["assessment", "reviewer", "status", "created_at"]
    raw_id_fields = ["assessment"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(SimpleHistoryAdmin):
    list_display = ["review", "cell", "author", "created_at"]


@admin.register(PeerStatistic)
class PeerStatisticAdmin(admin.ModelAdmin):
    list_display = ["cycle", "group", "group_key", "metric", "count"]
    list_filter = ["cycle", "group"]
