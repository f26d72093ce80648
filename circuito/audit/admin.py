from django.contrib import admin

from circuito.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence, nobody edits it."""

    list_display = ("created_at", "actor_repr", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type", "created_at")
    search_fields = ("actor_repr", "object_repr", "action", "object_id")
    date_hierarchy = "created_at"
    list_select_related = ("content_type",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
