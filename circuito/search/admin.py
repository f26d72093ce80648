"""Facilitators add synonyms and regional words here; they count at the next search."""

from django.contrib import admin

from circuito.search.models import Concept, ConceptLink, Term


class TermInline(admin.TabularInline):
    model = Term
    extra = 1
    fields = ("language", "text", "preferred", "from_file")
    readonly_fields = ("from_file",)


class LinkInline(admin.TabularInline):
    model = ConceptLink
    extra = 0
    fields = ("scheme", "code")


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ("key", "label_fr", "label_it", "source")
    search_fields = ("key", "label_fr", "label_it", "terms__text")
    filter_horizontal = ("serves",)
    inlines = (TermInline, LinkInline)

    def save_formset(self, request, form, formset, change) -> None:
        for term in formset.save(commit=False):
            if isinstance(term, Term) and not term.pk:
                term.added_by = request.user
            term.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("text", "language", "concept", "preferred", "from_file", "added_by")
    list_filter = ("language", "from_file")
    search_fields = ("text", "concept__key", "concept__label_fr", "concept__label_it")
    autocomplete_fields = ("concept",)
    readonly_fields = ("added_by",)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)
