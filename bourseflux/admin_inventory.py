"""Admin of company inventories and the drafts they produced (imported by bourseflux/admin.py)."""

from django.contrib import admin

from bourseflux.models import Inventory, InventoryDraft


class DraftInline(admin.TabularInline):
    model = InventoryDraft
    extra = 0
    fields = ["position", "process", "flow"]
    readonly_fields = fields
    can_delete = False


@admin.register(Inventory)
class InventoryAdmin(admin.ModelAdmin):
    list_display = ["id", "organisation", "language", "status", "created_by", "updated_at"]
    list_filter = ["status", "language"]
    list_select_related = ["organisation", "created_by"]
    search_fields = ["organisation__legal_name"]
    readonly_fields = ["organisation", "created_by", "created_at", "updated_at", "drafted_at", "processes"]
    inlines = [DraftInline]
