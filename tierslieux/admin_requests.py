"""Admin of service requests and innovation needs (support and moderation)."""

from django.contrib import admin

from tierslieux.models import InnovationAnswer, InnovationNeed, RequestMessage, ServiceRequest


class RequestMessageInline(admin.TabularInline):
    model = RequestMessage
    extra = 0
    fields = ["author", "body", "created_at"]
    readonly_fields = ["author", "created_at"]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    list_display = ["subject", "organisation", "place", "status", "cross_border", "created_at"]
    list_filter = ["status", "cross_border", "place__country"]
    search_fields = ["subject", "organisation__legal_name", "place__name"]
    list_select_related = ["organisation", "place"]
    raw_id_fields = ["place", "service", "organisation", "requester"]
    readonly_fields = ["cross_border", "created_at", "updated_at"]
    inlines = [RequestMessageInline]


class InnovationAnswerInline(admin.TabularInline):
    model = InnovationAnswer
    extra = 0
    raw_id_fields = ["place", "organisation", "author"]


@admin.register(InnovationNeed)
class InnovationNeedAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organisation", "place", "status", "deadline", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title_fr", "title_it", "organisation__legal_name", "place__name"]
    list_select_related = ["organisation", "place"]
    raw_id_fields = ["organisation", "place", "created_by"]
    filter_horizontal = ["service_kinds", "sectors"]
    inlines = [InnovationAnswerInline]
