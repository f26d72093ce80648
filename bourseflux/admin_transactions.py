"""Admin of synergies' deals (read-only: the parties write them through the services, which audit)."""

from django.contrib import admin

from bourseflux.models import ActualQuantity, Transaction, TransactionDocument


class ActualQuantityInline(admin.TabularInline):
    model = ActualQuantity
    extra = 0
    fields = ["period_start", "period_end", "quantity", "tonnes", "amount_eur", "co2e_avoided_t", "entered_by"]
    readonly_fields = fields
    can_delete = False


class DocumentInline(admin.TabularInline):
    model = TransactionDocument
    extra = 0
    fields = ["kind", "name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Transaction)
class TransactionAdmin(admin.ModelAdmin):
    list_display = ["id", "material", "supplier", "receiver", "quantity", "unit", "period", "pricing", "starts_on"]
    list_filter = ["pricing", "period", "logistics"]
    list_select_related = ["supplier", "receiver"]
    search_fields = ["material", "supplier__legal_name", "receiver__legal_name"]
    raw_id_fields = ["synergy", "supplier", "receiver", "ewc", "nace", "created_by"]
    inlines = [ActualQuantityInline, DocumentInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
