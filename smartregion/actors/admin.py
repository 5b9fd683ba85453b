from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .enums import CONTACT_FIELDS
from .models import Actor


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "sector", "organisation", "available_forum", "available_review"]
    list_filter = ["kind", "sector", "available_forum", "available_review"]
    search_fields = ["name", "organisation"]
    autocomplete_fields = ["home_territory", "user"]
    raw_id_fields = ["regions", "reference_projects", "keywords"]
    filter_horizontal = ["domains"]
    # Who may read contact data and the consent are decided in the product's edit form (the person, or a
    # platform admin with a reason kept in the history), not here.
    readonly_fields = [*CONTACT_FIELDS.values(), "consent_at"]

    def get_queryset(self, request):
        return Actor.all_objects.all()
