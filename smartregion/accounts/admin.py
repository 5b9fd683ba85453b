from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessRequest, ExternalIdentity, Invitation, NetworkRole, TerritoryRole, User


class TerritoryRoleInline(admin.TabularInline):
    model = TerritoryRole
    fk_name = "user"
    raw_id_fields = ["territory", "granted_by"]
    extra = 0


class NetworkRoleInline(admin.TabularInline):
    model = NetworkRole
    fk_name = "user"
    raw_id_fields = ["granted_by"]
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_expert", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_expert", "is_superuser"]
    search_fields = ["email", "full_name"]
    inlines = [TerritoryRoleInline, NetworkRoleInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "is_expert"]}),
        (_("Berechtigungen"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Daten"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "territory", "network", "territory_role", "expires_at", "accepted_at", "revoked_at"]
    raw_id_fields = ["territory", "network", "invited_by", "accepted_by"]
    search_fields = ["email"]


@admin.register(AccessRequest)
class AccessRequestAdmin(SimpleHistoryAdmin):
    """Requests for access: read here, decided on the site (accounts:access_request), where the rule and the
    mails apply. Deleted requests stay visible (soft delete)."""

    list_display = [
        "requester",
        "territory",
        "role",
        "status",
        "from_own_domain",
        "created_at",
        "decided_by",
        "deleted_at",
    ]
    list_filter = ["status", "role", "from_own_domain"]
    search_fields = ["requester__email", "requester__full_name", "territory__name"]
    raw_id_fields = ["territory", "requester", "decided_by"]
    readonly_fields = ["from_own_domain", "checked_domain", "status", "decided_by", "decided_at", "language"]

    def get_queryset(self, request):
        return AccessRequest.all_objects.select_related("territory", "requester", "decided_by")


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
