from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from circuito.geo.models import Commune, Territory


@admin.register(Territory)
class TerritoryAdmin(TranslationAdmin):
    list_display = ("name", "code", "level", "country", "parent", "in_alcotra")
    list_filter = ("level", "country", "in_alcotra")
    search_fields = ("name_fr", "name_it", "code")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("country", "level", "code")


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("name", "alt_name", "code", "department", "country", "population")
    list_filter = ("country", "department__in_alcotra", ("department", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "alt_name", "search_name", "code")
    list_select_related = ("department",)
    autocomplete_fields = ("department",)
    readonly_fields = ("search_name",)
    ordering = ("name",)
