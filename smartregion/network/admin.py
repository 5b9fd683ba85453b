from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from smartregion.accounts.models import NetworkRole

from .models import Network, NetworkMember


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
