"""Admin of the codebook, codings and SWOT items."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from focusgroups.models import Coding, SwotItem, Theme


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["code", "label", "study", "parent", "order"]
    list_filter = ["study"]
    search_fields = ["code", "label_fr", "label_it"]
    list_select_related = ["study", "parent"]
    raw_id_fields = ["parent"]


@admin.register(Coding)
class CodingAdmin(admin.ModelAdmin):
    list_display = ["theme", "quote", "answer", "response_answer", "coded_by", "coded_at"]
    list_select_related = ["theme"]
    raw_id_fields = ["theme", "quote", "answer", "response_answer", "coded_by"]


@admin.register(SwotItem)
class SwotItemAdmin(TranslationAdmin):
    list_display = ["__str__", "study", "territory", "quadrant", "order"]
    list_filter = ["study", "quadrant"]
    list_select_related = ["study", "territory"]
    filter_horizontal = ["evidence_sessions"]
    raw_id_fields = ["territory", "created_by", "evidence_quotes"]
