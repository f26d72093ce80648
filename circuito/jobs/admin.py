from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from circuito.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs are created by the portal's code; the admin is for following and cleaning up."""

    list_display = (
        "created_at",
        "kind",
        "owner",
        "organisation",
        "status",
        "progress",
        "attempts",
        "finished_at",
        "expires_at",
    )
    list_filter = ("status", "kind", "language", "created_at", "expires_at")
    search_fields = ("=id", "kind", "owner__email", "organisation__legal_name", "message", "result_name")
    date_hierarchy = "created_at"
    list_select_related = ("owner", "organisation")
    raw_id_fields = ("owner", "organisation")
    readonly_fields = (
        "id",
        "kind",
        "owner",
        "organisation",
        "params",
        "language",
        "status",
        "progress",
        "message",
        "attempts",
        "result_file",
        "result_name",
        "result_content_type",
        "created_at",
        "started_at",
        "finished_at",
        "expires_at",
    )
    fieldsets = (
        (None, {"fields": ("id", "kind", "owner", "organisation", "language", "params")}),
        (_("Progress"), {"fields": ("status", "progress", "message", "attempts")}),
        (_("Result"), {"fields": ("result_file", "result_name", "result_content_type")}),
        (_("Dates"), {"fields": ("created_at", "started_at", "finished_at", "expires_at")}),
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
