from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Term


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["term_de", "term_en", "slug"]
    search_fields = ["term_de", "term_en", "aliases"]

    def get_queryset(self, request):
        return Term.all_objects.all()
