from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

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


@admin.register(NationalSubclass)
class NationalSubclassAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "scheme", "nace_class")
    list_filter = ("scheme",)
    search_fields = ("code", "label", "nace_class__code")
    list_select_related = ("nace_class",)
    autocomplete_fields = ("nace_class",)
    ordering = ("scheme", "code")
