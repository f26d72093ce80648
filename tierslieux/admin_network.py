"""Admin of news, collaborative projects, referent seminars and alert subscriptions."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from tierslieux.models import AlertSubscription, News, Project, Seminar


@admin.register(News)
class NewsAdmin(TranslationAdmin):
    list_display = ["title", "place", "published_at", "author"]
    list_filter = ["place__country"]
    search_fields = ["title_fr", "title_it", "place__name"]
    list_select_related = ["place", "author"]
    raw_id_fields = ["place", "author"]


@admin.register(Project)
class ProjectAdmin(TranslationAdmin):
    list_display = ["title", "cross_border", "published", "created_at"]
    list_filter = ["cross_border", "published"]
    search_fields = ["title_fr", "title_it", "slug"]
    raw_id_fields = ["places", "organisations", "created_by"]
    readonly_fields = ["cross_border"]


@admin.register(Seminar)
class SeminarAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "trainer", "organiser"]
    list_select_related = ["organiser"]
    raw_id_fields = ["place", "attendees"]
    date_hierarchy = "date"


@admin.register(AlertSubscription)
class AlertSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "active", "last_sent_at", "created_at"]
    list_filter = ["active", "language"]
    search_fields = ["email"]
    raw_id_fields = ["user"]
    readonly_fields = ["token", "last_sent_at"]
