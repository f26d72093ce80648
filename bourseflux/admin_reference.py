"""Admin of the reference codes: List of Waste, material categories, typical flows of activities."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from bourseflux.models import ActivityFlowProfile, EwcCode, MaterialCategory
from bourseflux.reference_lookup import search_ewc


@admin.register(EwcCode)
class EwcCodeAdmin(TranslationAdmin):
    list_display = ("code", "label", "level", "hazardous", "label_it_origin")
    list_filter = ("level", "hazardous", "label_it_origin", "chapter")
    search_fields = ("code", "label_fr", "label_it")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("search_document",)
    ordering = ("code",)

    def get_search_results(self, request, queryset, search_term):
        """The portal's own search: codes with or without spaces, words in any form, synonyms."""
        if not search_term.strip():
            return queryset, False
        return search_ewc(search_term, queryset), False


class ChildCategoryInline(admin.TabularInline):
    model = MaterialCategory
    fk_name = "parent"
    fields = ("code", "name_fr", "name_it", "ewc_prefixes", "sort_order")
    extra = 0
    show_change_link = True


@admin.register(MaterialCategory)
class MaterialCategoryAdmin(TranslationAdmin):
    list_display = ("code", "name", "parent", "sort_order")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("code", "name_fr", "name_it")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("sort_order", "code")
    inlines = [ChildCategoryInline]


@admin.register(ActivityFlowProfile)
class ActivityFlowProfileAdmin(TranslationAdmin):
    list_display = ("nace_code", "direction", "name", "category", "ewc", "nature")
    list_filter = ("direction", "nature", ("category", admin.RelatedOnlyFieldListFilter))
    search_fields = ("nace_code", "name_fr", "name_it", "category__name_fr", "category__name_it", "ewc__code")
    list_select_related = ("category", "ewc")
    autocomplete_fields = ("category", "ewc")
    ordering = ("nace_code", "direction")
