from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Comment, Consultation, Flag, Idea, Support


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "starts_on", "ends_on", "closed_at"]
    list_filter = ["kind"]
    search_fields = ["title"]


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "consultation", "part_label", "author", "created_at", "hidden_at"]
    list_filter = ["hidden_at"]
    search_fields = ["text"]
    raw_id_fields = ["consultation", "author", "hidden_by"]


@admin.register(Idea)
class IdeaAdmin(SimpleHistoryAdmin):
    list_display = ["title", "consultation", "author", "handling", "hidden_at"]
    list_filter = ["handling"]
    search_fields = ["title", "text"]
    raw_id_fields = ["consultation", "author", "hidden_by", "handled_by"]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["idea", "user", "created_at"]
    raw_id_fields = ["idea", "user"]


@admin.register(Flag)
class FlagAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "consultation", "reason", "outcome", "created_at", "resolved_at"]
    list_filter = ["reason", "outcome"]
    raw_id_fields = ["consultation", "comment", "idea", "flagged_by", "resolved_by"]
