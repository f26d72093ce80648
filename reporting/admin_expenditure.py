"""Admin of budgets, co-financing rates and expenditure lines (support)."""

from django.contrib import admin

from reporting.models import ExpenditureLine, PartnerBudget, PartnerFinance


@admin.register(PartnerBudget)
class PartnerBudgetAdmin(admin.ModelAdmin):
    list_display = ["partner", "category", "amount"]
    list_filter = ["category"]
    list_select_related = ["partner"]
    raw_id_fields = ["partner"]


@admin.register(PartnerFinance)
class PartnerFinanceAdmin(admin.ModelAdmin):
    list_display = ["partner", "erdf_rate", "national_rate"]
    list_select_related = ["partner"]
    raw_id_fields = ["partner"]


@admin.register(ExpenditureLine)
class ExpenditureLineAdmin(admin.ModelAdmin):
    list_display = ["partner", "entered_by_organisation", "period", "category", "date_incurred", "amount", "status"]
    list_filter = ["status", "category", "period"]
    list_select_related = ["partner", "entered_by_organisation"]
    raw_id_fields = ["partner", "entered_by_organisation", "created_by"]
    date_hierarchy = "date_incurred"
