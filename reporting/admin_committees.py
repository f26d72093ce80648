"""Admin of steering committee meetings (support)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from reporting.models import ActionItem, Attendance, Decision, Meeting


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["organisation"]


class DecisionInline(TranslationTabularInline):
    model = Decision
    extra = 0


class ActionItemInline(TranslationTabularInline):
    model = ActionItem
    extra = 0
    raw_id_fields = ["owner", "owner_organisation"]


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin):
    list_display = ["number", "kind", "city", "date", "minutes_status", "approved_by"]
    list_filter = ["kind", "minutes_status"]
    list_select_related = ["approved_by"]
    raw_id_fields = ["approved_by", "created_by"]
    date_hierarchy = "date"
    inlines = [AttendanceInline, DecisionInline, ActionItemInline]


@admin.register(ActionItem)
class ActionItemAdmin(TranslationAdmin):
    list_display = ["text", "meeting", "owner", "owner_organisation", "due_date", "status"]
    list_filter = ["status"]
    list_select_related = ["meeting", "owner", "owner_organisation"]
    raw_id_fields = ["meeting", "owner", "owner_organisation"]
