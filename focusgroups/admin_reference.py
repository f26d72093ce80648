"""Admin of the reference data: studies, question tags, consent texts."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from focusgroups.models import ConsentText, QuestionTag, Study


@admin.register(Study)
class StudyAdmin(TranslationAdmin):
    list_display = ["code", "name", "coordinator", "target_sessions", "target_responses", "target_from_charter"]
    search_fields = ["code", "name_fr", "name_it"]
    list_select_related = ["coordinator"]
    raw_id_fields = ["coordinator"]


@admin.register(QuestionTag)
class QuestionTagAdmin(TranslationAdmin):
    list_display = ["code", "label", "order"]
    search_fields = ["code", "label_fr", "label_it"]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["version", "language", "created_at"]
    list_filter = ["language"]

    def get_readonly_fields(self, request, obj=None):
        # A text that participants agreed to is never rewritten: add a new version instead.
        if obj is not None and obj.participants.exists():
            return ["version", "language", "text"]
        return []
