from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from smartregion.accounts.admin import UserAdmin

from .models import Invitation, Network, NetworkMember, NetworkRole


class NetworkMemberInline(admin.TabularInline):
    model = NetworkMember
    raw_id_fields = ["territory"]
    extra = 0


class NetworkRoleInline(admin.TabularInline):
    model = NetworkRole
    raw_id_fields = ["user", "granted_by"]
    extra = 0


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "organisation", "deleted_at"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["land"]
    inlines = [NetworkMemberInline, NetworkRoleInline]

    def get_queryset(self, request):
        return Network.all_objects.all()


class AccountNetworkRoleInline(admin.TabularInline):
    model = NetworkRole
    fk_name = "user"
    raw_id_fields = ["granted_by"]
    extra = 0


UserAdmin.inlines = [*UserAdmin.inlines, AccountNetworkRoleInline]  # an account's page lists its network roles


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "territory", "network", "territory_role", "expires_at", "accepted_at", "revoked_at"]
    raw_id_fields = ["territory", "network", "invited_by", "accepted_by"]
    search_fields = ["email"]
