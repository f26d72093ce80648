"""Admin of pilot zones, workshops and awareness meetings."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from bourseflux.models import AwarenessMeeting, PilotZone, Workshop


@admin.register(PilotZone)
class PilotZoneAdmin(TranslationAdmin):
    list_display = ["name", "partner", "radius_km", "created_at"]
    list_select_related = ["partner"]
    list_filter = ["partner"]
    search_fields = ["name_fr", "name_it"]
    autocomplete_fields = ["partner", "companies"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "pilot_zone", "place"]
    list_select_related = ["pilot_zone"]
    list_filter = ["pilot_zone"]
    search_fields = ["title", "place"]
    date_hierarchy = "date"
    autocomplete_fields = ["participants"]
    readonly_fields = ["created_by"]


@admin.register(AwarenessMeeting)
class AwarenessMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "commune", "organiser", "attendance", "companies_attending"]
    list_select_related = ["commune__department", "organiser"]
    list_filter = ["organiser", "pilot_zone"]
    search_fields = ["title", "place", "commune__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["commune", "organiser"]
    readonly_fields = ["created_by"]
