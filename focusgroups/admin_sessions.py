"""Admin of sessions, participants, answers, quotes and attachments."""

from django.contrib import admin

from focusgroups.models import Answer, Attachment, Participant, Quote, Session


class ParticipantInline(admin.TabularInline):
    model = Participant
    fields = ["pseudonym", "organisation_name", "category", "country", "attended", "consent_at", "withdrawn_at"]
    readonly_fields = ["consent_at", "withdrawn_at"]
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["kind", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "study", "organiser", "region", "date", "actor_category", "status"]
    list_filter = ["study", "status", "actor_category", "sector", "mode", "language"]
    search_fields = ["title", "place", "organiser__legal_name"]
    list_select_related = ["study", "organiser", "region", "department"]
    raw_id_fields = [
        "template_version",
        "organiser",
        "region",
        "department",
        "nace",
        "created_by",
        "submitted_by",
        "validated_by",
        "returned_by",
    ]
    readonly_fields = ["created_at", "updated_at", "held_at", "submitted_at", "validated_at", "returned_at"]
    date_hierarchy = "date"
    inlines = [ParticipantInline, AttachmentInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["pseudonym", "session", "category", "country", "attended", "consent_at", "withdrawn_at"]
    list_filter = ["category", "country", "attended"]
    list_select_related = ["session__study"]
    raw_id_fields = ["session", "organisation", "consent_text"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["session", "question", "updated_at"]
    list_select_related = ["session__study", "question"]
    raw_id_fields = ["session", "question", "updated_by"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "session", "participant", "language"]
    list_filter = ["language"]
    search_fields = ["text"]
    list_select_related = ["session__study", "participant"]
    raw_id_fields = ["session", "question", "participant", "created_by"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "session", "kind", "size", "uploaded_at"]
    list_filter = ["kind"]
    list_select_related = ["session__study"]
    raw_id_fields = ["session", "uploaded_by"]
