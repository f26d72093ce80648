"""Admin of question templates, their versions, sections and questions."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from focusgroups.models import Question, QuestionTemplate, Section, TemplateVersion


class TemplateVersionInline(admin.TabularInline):
    model = TemplateVersion
    fields = ["number", "status", "published_at", "created_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(QuestionTemplate)
class QuestionTemplateAdmin(TranslationAdmin):
    list_display = ["title", "study", "created_by", "updated_at"]
    list_filter = ["study"]
    search_fields = ["title_fr", "title_it"]
    list_select_related = ["study", "created_by"]
    raw_id_fields = ["created_by"]
    inlines = [TemplateVersionInline]


class SectionInline(TranslationTabularInline):
    model = Section
    fields = ["order", "title"]
    extra = 0
    show_change_link = True


@admin.register(TemplateVersion)
class TemplateVersionAdmin(admin.ModelAdmin):
    list_display = ["template", "number", "status", "published_at"]
    list_filter = ["status", "template__study"]
    list_select_related = ["template"]
    raw_id_fields = ["template", "based_on", "created_by", "published_by"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(TranslationAdmin):
    list_display = ["title", "version", "order"]
    list_select_related = ["version__template"]
    raw_id_fields = ["version"]


@admin.register(Question)
class QuestionAdmin(TranslationAdmin):
    list_display = ["key", "kind", "section", "order", "required"]
    list_filter = ["kind", "required", "tags"]
    search_fields = ["key", "text_fr", "text_it"]
    list_select_related = ["section"]
    raw_id_fields = ["section"]
    filter_horizontal = ["tags"]
