"""Admin of events, registrations and B2B matchmaking (support)."""

from django.contrib import admin

from tierslieux.models import B2BMeeting, B2BProfile, B2BRequest, B2BSlot, Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["user", "organisation", "status", "attended", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user", "organisation"]


class SlotInline(admin.TabularInline):
    model = B2BSlot
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "place", "organiser", "capacity", "published", "b2b_enabled"]
    list_filter = ["kind", "topic", "published", "online", "b2b_enabled"]
    search_fields = ["title_fr", "title_it", "slug", "organiser__legal_name"]
    list_select_related = ["place", "organiser"]
    raw_id_fields = ["place", "organiser", "commune", "created_by"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline, SlotInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "organisation", "status", "attended", "created_at"]
    list_filter = ["status", "attended"]
    search_fields = ["user__email", "event__title_fr", "event__title_it"]
    list_select_related = ["user", "event", "organisation"]
    raw_id_fields = ["user", "event", "organisation"]


@admin.register(B2BProfile)
class B2BProfileAdmin(admin.ModelAdmin):
    list_display = ["registration"]
    list_select_related = ["registration__user", "registration__event"]
    raw_id_fields = ["registration"]


class MeetingInline(admin.TabularInline):
    model = B2BMeeting
    extra = 0
    raw_id_fields = ["slot", "participant"]


@admin.register(B2BRequest)
class B2BRequestAdmin(admin.ModelAdmin):
    list_display = ["requester", "invitee", "event", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["requester__user", "invitee__user", "event", "requester__event", "invitee__event"]
    raw_id_fields = ["event", "requester", "invitee"]
    inlines = [MeetingInline]
