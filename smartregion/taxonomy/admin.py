from django.contrib import admin

from .models import Domain, Keyword, TaxonomyVersion


@admin.register(TaxonomyVersion)
class TaxonomyVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "loaded_at"]


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["label_de", "key", "introduced_in", "is_active"]
    readonly_fields = ["key", "introduced_in"]


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["label", "normalized"]
    search_fields = ["label", "normalized"]
