"""Admin of equipment booking: kinds of equipment (a vocabulary), rules and bookings."""

from django.contrib import admin

from tierslieux.admin_places import VocabularyAdmin
from tierslieux.models import Booking, BookingRules, EquipmentKind

admin.site.register(EquipmentKind, VocabularyAdmin)


@admin.register(BookingRules)
class BookingRulesAdmin(admin.ModelAdmin):
    list_display = ("equipment", "bookable", "audience", "training_required", "slot_minutes", "auto_confirm")
    list_select_related = ("equipment",)
    raw_id_fields = ("equipment",)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("equipment", "starts_at", "ends_at", "status", "user")
    list_filter = ("status",)
    list_select_related = ("equipment", "user")
    raw_id_fields = ("equipment", "user", "organisation", "decided_by")
    date_hierarchy = "starts_at"
