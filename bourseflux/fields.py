"""Form fields for the reference codes: pick a waste code by typing, a material category from a
grouped list."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bourseflux.models import EwcCode, MaterialCategory
from bourseflux.reference_lookup import format_ewc_code
from circuito.geo.forms import AutocompleteModelChoiceField


def ewc_label(ewc: EwcCode) -> str:
    """'02 03 04 matières impropres…'; hazardous codes carry a star, as in the List of Waste."""
    return f"{ewc.code}{'*' if ewc.hazardous else ''} {ewc.label}"


class EwcField(AutocompleteModelChoiceField):
    """A waste code of the European List of Waste, picked by typing its code (with or without
    spaces) or words of its French or Italian label."""

    url_name = "bourseflux:ewc_autocomplete"
    default_error_messages = {
        "required": _("Pick a waste code from the list (type its six digits, e.g. 02 03 04, or words of its label)."),
        "invalid_choice": _(
            "Pick a waste code from the list (type its six digits, e.g. 02 03 04, or words of its label)."
        ),
    }

    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = EwcCode.objects.filter(level=EwcCode.Level.ENTRY)
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: EwcCode) -> str:
        return ewc_label(obj)

    def resolve_text(self, text: str) -> EwcCode | None:
        """Six digits typed without picking ("020304", "02 03 04*", "02 03 04 matières…")."""
        digits = "".join(ch for ch in text[:12] if ch.isdigit())
        if len(digits) < 6:
            return None
        return self.queryset.filter(code=format_ewc_code(digits[:6])).first()


class CategoryChoiceIterator(forms.models.ModelChoiceIterator):
    """Options grouped under their top category; the top category itself is the group's first
    option, so a flow can stay general when no sub-category fits."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        categories = list(self.queryset.select_related("parent"))
        children: dict[int, list[MaterialCategory]] = {}
        for category in categories:
            if category.parent_id:
                children.setdefault(category.parent_id, []).append(category)
        for top in (c for c in categories if not c.parent_id):
            value, name = self.choice(top)
            general = (value, _("%(category)s — in general") % {"category": name})
            yield (name, [general] + [self.choice(child) for child in children.get(top.pk, [])])


class CategoryField(forms.ModelChoiceField):
    """A material category from a select grouped by top category, names in the current language."""

    iterator = CategoryChoiceIterator
    default_error_messages = {
        "required": _("Pick the category that best describes the material."),
        "invalid_choice": _("Pick a category from the list."),
    }

    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = MaterialCategory.objects.all()
        kwargs.setdefault("empty_label", _("— choose a category —"))
        super().__init__(queryset.order_by("sort_order", "code"), **kwargs)

    def label_from_instance(self, obj: MaterialCategory) -> str:
        return obj.name
