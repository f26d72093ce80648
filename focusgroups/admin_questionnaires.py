"""Admin of online questionnaires, invitations and responses."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from focusgroups.models import Invitation, Questionnaire, Response, ResponseAnswer


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    list_display = ["title", "study", "opens_at", "closes_at", "allow_public"]
    list_filter = ["study", "allow_public"]
    search_fields = ["title_fr", "title_it"]
    list_select_related = ["study"]
    raw_id_fields = ["template_version", "organiser", "created_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "questionnaire", "language", "sent_at", "used_at"]
    list_filter = ["language"]
    search_fields = ["email", "organisation_name"]
    list_select_related = ["questionnaire"]
    raw_id_fields = ["questionnaire"]


class ResponseAnswerInline(admin.TabularInline):
    model = ResponseAnswer
    fields = ["question", "value"]
    raw_id_fields = ["question"]
    extra = 0


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "language", "category", "country", "started_at", "submitted_at"]
    list_filter = ["language", "category", "country"]
    list_select_related = ["questionnaire"]
    raw_id_fields = ["questionnaire", "invitation", "territory"]
    inlines = [ResponseAnswerInline]
