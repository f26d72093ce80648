"""Admin of synergies, their stage changes and messages (imported by bourseflux/admin.py)."""

from django.contrib import admin

from bourseflux.models import Synergy, SynergyMessage, SynergyStageChange


class StageChangeInline(admin.TabularInline):
    model = SynergyStageChange
    extra = 0
    fields = ["at", "from_stage", "to_stage", "by", "note"]
    readonly_fields = fields
    can_delete = False


class MessageInline(admin.TabularInline):
    model = SynergyMessage
    extra = 0
    fields = ["created_at", "author", "organisation", "body"]
    readonly_fields = fields
    can_delete = False


@admin.register(Synergy)
class SynergyAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "offer",
        "need",
        "stage",
        "cross_border",
        "distance_km",
        "tonnes_per_year",
        "stage_changed_at",
    ]
    list_filter = ["stage", "cross_border", "abandon_reason", "transport"]
    search_fields = [
        "offer__title_fr",
        "offer__title_it",
        "need__title_fr",
        "need__title_it",
        "offer__organisation__legal_name",
        "need__organisation__legal_name",
    ]
    list_select_related = ["offer", "need"]
    raw_id_fields = ["offer", "need", "initiated_by", "initiator", "facilitator"]
    readonly_fields = ["cross_border", "co2e_avoided_t", "created_at", "stage_changed_at"]
    inlines = [StageChangeInline, MessageInline]
    date_hierarchy = "created_at"
