from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from circuito.nace.lookup import search_activities
from circuito.nace.models import NaceActivity, NationalSubclass


@admin.register(NaceActivity)
class NaceActivityAdmin(TranslationAdmin):
    list_display = ("code", "label", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "label_fr", "label_it")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("search_document",)
    ordering = ("code",)

    def get_search_results(self, request, queryset, search_term):
        """The portal's own search: NACE/NAF/ATECO codes, words in any form, everyday trade names."""
        if not search_term.strip():
            return queryset, False
        return search_activities(search_term, queryset), False


@admin.register(NationalSubclass)
class NationalSubclassAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "scheme", "nace_class")
    list_filter = ("scheme",)
    search_fields = ("code", "label", "nace_class__code")
    list_select_related = ("nace_class",)
    autocomplete_fields = ("nace_class",)
    ordering = ("scheme", "code")
