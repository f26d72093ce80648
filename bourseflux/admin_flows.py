"""Admin of sites, flows and their files (flows edit both languages' titles and descriptions)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from bourseflux.models import Flow, FlowAttachment, Site


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "commune", "exact_location_public"]
    list_filter = ["exact_location_public", "commune__country"]
    search_fields = ["name", "organisation__legal_name", "commune__name"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["commune"]
    list_select_related = ["organisation", "commune__department"]


class FlowAttachmentInline(admin.TabularInline):
    model = FlowAttachment
    extra = 0
    fields = ["kind", "name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields


@admin.register(Flow)
class FlowAdmin(TranslationAdmin):
    list_display = ["title", "organisation", "direction", "nature", "category", "ewc", "status", "country"]
    list_filter = ["status", "direction", "nature", "country", "quantity_visibility", "is_estimate"]
    search_fields = ["title_fr", "title_it", "commercial_name", "organisation__legal_name"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["site", "ewc", "nace", "created_by"]
    list_select_related = ["organisation", "category", "ewc"]
    readonly_fields = ["hazardous", "yearly_quantity", "base_unit", "created_at", "updated_at"]
    inlines = [FlowAttachmentInline]
    date_hierarchy = "created_at"


@admin.register(FlowAttachment)
class FlowAttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "flow", "kind", "content_type", "size", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "flow__title_fr", "flow__title_it"]
    raw_id_fields = ["flow", "uploaded_by"]
    list_select_related = ["flow"]
