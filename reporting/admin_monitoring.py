"""Admin of partners' monitoring forms (support)."""

from django.contrib import admin
from modeltranslation.admin import TranslationStackedInline

from reporting.models import MonitoringEntry, MonitoringReport


class MonitoringEntryInline(TranslationStackedInline):
    """Both languages of each text: support staff can add a translation."""

    model = MonitoringEntry
    extra = 0


@admin.register(MonitoringReport)
class MonitoringReportAdmin(admin.ModelAdmin):
    list_display = ["partner", "period", "status", "submitted_at", "submitted_by"]
    list_filter = ["status", "period"]
    list_select_related = ["partner", "submitted_by"]
    raw_id_fields = ["partner", "submitted_by"]
    inlines = [MonitoringEntryInline]
