from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from smartregion.accounts.admin import UserAdmin

from .models import AccessRequest, AllianceMember, Boundary, RegisterImport, Territory, TerritoryRole


class TerritoryRoleInline(admin.TabularInline):
    model = TerritoryRole
    fk_name = "user"
    raw_id_fields = ["territory", "granted_by"]
    extra = 0


UserAdmin.inlines = [*UserAdmin.inlines, TerritoryRoleInline]  # an account's page lists its territory roles


class AllianceMemberInline(admin.TabularInline):
    model = AllianceMember
    fk_name = "alliance"
    raw_id_fields = ["member"]
    extra = 0


@admin.register(Territory)
class TerritoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "type_label", "ars", "population", "is_active", "deleted_at"]
    list_filter = ["kind", "is_active", "size_class", "urbanisation"]
    search_fields = ["name", "ars", "ags", "postcode"]
    raw_id_fields = ["parent", "land", "regbez", "kreis", "verband", "created_by"]
    readonly_fields = ["search_name", "revision", "deleted_at"]
    inlines = [AllianceMemberInline]
    list_select_related = ["land"]

    def get_queryset(self, request):
        return Territory.all_objects.all()


@admin.register(Boundary)
class BoundaryAdmin(admin.ModelAdmin):
    list_display = ["level", "ars", "name", "vintage"]
    list_filter = ["level"]
    search_fields = ["ars", "name"]
    exclude = ["geometry"]


@admin.register(RegisterImport)
class RegisterImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "as_of", "started_at", "rows", "created", "updated", "deactivated"]


@admin.register(AccessRequest)
class AccessRequestAdmin(SimpleHistoryAdmin):
    """Requests for access: read here, decided on the site (access:request), where the rule and the
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
