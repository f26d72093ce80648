"""Admin of the project structure (support; lead partner staff edit through the portal)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from reporting.models import Activity, Deliverable, DeliverableEvidence, Indicator, Project, ProjectEdition, WorkPackage


class EditionInline(TranslationTabularInline):
    model = ProjectEdition
    extra = 0
    fields = ["number", "name", "start_date", "duration_months", "period_months"]


@admin.register(Project)
class ProjectAdmin(TranslationAdmin):
    list_display = ["acronym", "start_date", "duration_months"]
    inlines = [EditionInline]


class ActivityInline(TranslationTabularInline):
    model = Activity
    extra = 0
    fields = ["code", "name", "lead", "start_month", "end_month", "order"]
    raw_id_fields = ["lead"]


@admin.register(WorkPackage)
class WorkPackageAdmin(TranslationAdmin):
    list_display = ["code", "name", "lead", "start_month", "end_month", "order"]
    list_select_related = ["lead"]
    raw_id_fields = ["lead"]
    filter_horizontal = ["excluded_partners"]
    inlines = [ActivityInline]


class DeliverableInline(TranslationTabularInline):
    model = Deliverable
    extra = 0
    fields = ["order", "name", "target_count", "per_partner", "kind", "due_month", "responsible", "source"]
    raw_id_fields = ["responsible"]


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ["code", "name", "work_package", "lead", "start_month", "end_month"]
    list_filter = ["work_package"]
    list_select_related = ["work_package", "lead"]
    raw_id_fields = ["lead"]
    filter_horizontal = ["excluded_partners"]
    inlines = [DeliverableInline]


@admin.register(Deliverable)
class DeliverableAdmin(TranslationAdmin):
    list_display = ["activity", "name", "target_count", "per_partner", "kind", "due_month", "responsible", "source"]
    list_filter = ["kind", "source", "activity__work_package"]
    list_select_related = ["activity", "responsible"]
    search_fields = ["name_fr", "name_it", "activity__code"]
    raw_id_fields = ["responsible"]


@admin.register(DeliverableEvidence)
class DeliverableEvidenceAdmin(admin.ModelAdmin):
    list_display = ["deliverable", "date", "count", "partner", "created_by", "created_at"]
    list_select_related = ["deliverable__activity", "partner", "created_by"]
    raw_id_fields = ["deliverable", "partner", "created_by"]
    date_hierarchy = "date"


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["code", "kind", "name", "target", "source"]
    list_filter = ["kind"]
