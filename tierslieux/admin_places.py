"""Admin of places, their vocabularies, referents and invitations."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from tierslieux.models import (
    Equipment,
    OpeningHours,
    Place,
    PlaceKind,
    PlacePhoto,
    PlaceReferent,
    ReferentInvitation,
    Sector,
    Service,
    ServiceKind,
)


class VocabularyAdmin(TranslationAdmin):
    list_display = ("code", "name", "sort_order")
    search_fields = ("code", "name_fr", "name_it")
    ordering = ("sort_order", "code")


admin.site.register(PlaceKind, VocabularyAdmin)
admin.site.register(Sector, VocabularyAdmin)
admin.site.register(ServiceKind, VocabularyAdmin)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ServiceInline(TranslationTabularInline):
    model = Service
    fields = ("kind", "name", "price", "open_to_other_country")
    extra = 0


class EquipmentInline(admin.TabularInline):
    model = Equipment
    fields = ("kind", "name", "model")
    extra = 0


class PhotoInline(admin.TabularInline):
    model = PlacePhoto
    fields = ("file", "caption")
    extra = 0


class ReferentInline(admin.TabularInline):
    model = PlaceReferent
    raw_id_fields = ("user",)
    readonly_fields = ("since",)
    extra = 0


@admin.register(Place)
class PlaceAdmin(TranslationAdmin):
    list_display = ("name", "commune", "country", "status", "last_verified_at", "reminded_at")
    list_filter = ("status", "country", "kinds", "region")
    search_fields = ("name", "slug", "description_fr", "description_it")
    list_select_related = ("commune",)
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("commune", "operator", "last_verified_by")
    filter_horizontal = ("kinds", "sectors", "nace_divisions")
    readonly_fields = ("country", "region", "department", "created_at", "updated_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [OpeningHoursInline, ServiceInline, EquipmentInline, PhotoInline, ReferentInline]


@admin.register(ReferentInvitation)
class ReferentInvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "place", "created_at", "expires_at", "accepted_at")
    list_select_related = ("place",)
    search_fields = ("email", "place__name")
    readonly_fields = ("token", "invited_by", "created_at", "accepted_at", "accepted_by")
    raw_id_fields = ("place",)
