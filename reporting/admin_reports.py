"""Admin of generated reports (support)."""

from django.contrib import admin

from reporting.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["kind", "period_start", "period_end", "language", "version", "status", "created_by", "created_at"]
    list_filter = ["kind", "status", "language"]
    list_select_related = ["created_by"]
    raw_id_fields = ["job", "created_by"]
    readonly_fields = ["figures"]
