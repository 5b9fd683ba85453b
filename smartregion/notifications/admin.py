from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AddressOptOut, DeliverySetting, Notification, OutboxMail, Watch


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "recipient__email"]
    raw_id_fields = ["recipient"]


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to_address", "kind", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state", "kind"]
    search_fields = ["subject", "to_address", "key"]
    readonly_fields = ["key", "text_body", "html_body", "headers", "attachments", "last_error"]
    raw_id_fields = ["recipient"]


@admin.register(DeliverySetting)
class DeliverySettingAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "delivery"]
    raw_id_fields = ["user"]


admin.site.register(AddressOptOut)
admin.site.register(Watch)
