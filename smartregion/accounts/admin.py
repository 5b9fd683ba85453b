from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ExternalIdentity, User


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_expert", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_expert", "is_superuser"]
    search_fields = ["email", "full_name"]
    inlines: list = []  # roles: territories and network add their inlines (ADR 0024)
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "is_expert"]}),
        (_("Berechtigungen"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Daten"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(SimpleHistoryAdmin):
    """Links to accounts at the identity provider (ADR 0027): made by sign-ins only. Deleting one lets the next
    sign-in link again by a verified address."""

    list_display = ["user", "issuer", "subject", "email_at_link", "last_sign_in_at", "created_at"]
    search_fields = ["user__email", "subject", "email_at_link"]
    list_filter = ["issuer"]
    raw_id_fields = ["user"]
    readonly_fields = ["user", "issuer", "subject", "email_at_link", "last_sign_in_at", "mapped_roles"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")
