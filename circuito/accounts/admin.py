from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from circuito.accounts.models import Membership, Organisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "preferred_language", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "preferred_language")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ("user",)
    readonly_fields = ("requested_at", "decided_at", "decided_by")


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ("legal_name", "kind", "country", "commune", "partner_code", "is_lead_partner")
    list_filter = ("kind", "country", "is_lead_partner")
    search_fields = ("legal_name", "siret", "siren", "partita_iva", "codice_fiscale", "partner_code")
    list_select_related = ("commune",)
    autocomplete_fields = ("commune", "nace", "delegating_partner")
    prepopulated_fields = {"slug": ("legal_name",)}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "status", "is_facilitator", "requested_at")
    list_filter = ("status", "role", "is_facilitator", "organisation__kind")
    search_fields = ("user__email", "organisation__legal_name")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("user", "organisation", "decided_by")
