from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityFeedback


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "email", "page", "reply_due", "is_overdue", "answered_at"]
    list_filter = ["answered_at"]
    search_fields = ["email", "name", "message", "page"]
    readonly_fields = ["created_at", "updated_at", "reminded_at"]

    @admin.display(description=_("Antwort bis"))
    def reply_due(self, feedback):
        return feedback.reply_due

    @admin.display(description=_("überfällig"), boolean=True)
    def is_overdue(self, feedback):
        return feedback.overdue
