from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AllianceMember, Boundary, RegisterImport, Territory


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
