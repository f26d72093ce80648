"""Pick a row from a long list by typing: a text input with a dropdown filled by an autocomplete
view, and a hidden input holding the picked row's pk (static/js/autocomplete.js drives it).

`AutocompleteModelChoiceField` and `AutocompleteWidget` are generic (the NACE field uses them
too); `CommuneField` picks a commune from the gazetteer.
"""

import json
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from circuito.geo.models import Commune
from circuito.geo.search import normalise, search_communes

MIN_CHARS = 2


class UnpickedText(str):
    """What was typed in an autocomplete input without picking an entry from the list."""


class AutocompleteWidget(forms.Widget):
    """A visible combobox input (`<name>_text`) with a listbox, and the hidden value (`<name>`).

    `forward` maps query parameters of the autocomplete URL to other fields of the form whose
    current value is sent along, e.g. {"country": "country"}.
    """

    template_name = "geo/widgets/autocomplete.html"
    text_suffix = "_text"

    class Media:
        js = ["js/autocomplete.js"]

    def __init__(
        self,
        url_name: str,
        attrs: dict[str, Any] | None = None,
        *,
        min_chars: int = MIN_CHARS,
        forward: dict[str, str] | None = None,
    ) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.url_name = url_name
        self.min_chars = min_chars
        self.forward = forward or {}
        self.queryset: QuerySet | None = None
        self.label_from_instance = str

    def value_from_datadict(self, data, files, name: str) -> Any:
        value = data.get(name)
        if value not in (None, ""):
            return value
        text = (data.get(name + self.text_suffix) or "").strip()
        return UnpickedText(text) if text else None

    def value_omitted_from_data(self, data, files, name: str) -> bool:
        return name not in data and name + self.text_suffix not in data

    def instance_for(self, value: Any) -> Model | None:
        if self.queryset is None or value in (None, ""):
            return None
        if isinstance(value, Model):
            return value
        try:
            return self.queryset.filter(pk=value).first()
        except (ValueError, TypeError, ValidationError):
            return None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        if isinstance(value, UnpickedText):
            text, picked = str(value), ""
        else:
            obj = self.instance_for(value)
            text, picked = (self.label_from_instance(obj), str(obj.pk)) if obj else ("", "")
        base_id = widget["attrs"].get("id") or f"id_{name}"
        widget.update(
            text=text,
            picked=picked,
            text_name=name + self.text_suffix,
            listbox_id=f"{base_id}_listbox",
            hidden_id=f"{base_id}_value",
            url=reverse(self.url_name),
            min_chars=self.min_chars,
            forward_json=json.dumps(self.forward) if self.forward else "",
        )
        return context


class AutocompleteModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField picked through an autocomplete view (`url_name`)."""

    url_name = ""

    def __init__(
        self,
        queryset: QuerySet,
        *,
        url_name: str | None = None,
        forward: dict[str, str] | None = None,
        min_chars: int = MIN_CHARS,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", AutocompleteWidget(url_name or self.url_name, forward=forward, min_chars=min_chars))
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset, **kwargs)

    def _set_queryset(self, queryset: QuerySet | None) -> None:
        super()._set_queryset(queryset)
        self.widget.queryset = self._queryset
        self.widget.label_from_instance = self.label_from_instance

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def resolve_text(self, text: str) -> Model | None:
        """The row meant by text typed without picking from the list (None when unsure)."""
        return None

    def to_python(self, value: Any) -> Model | None:
        if isinstance(value, UnpickedText):
            obj = self.resolve_text(str(value))
            if obj is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            return obj
        return super().to_python(value)


class CommuneField(AutocompleteModelChoiceField):
    """A French commune or Italian comune, picked by typing its name in either language."""

    url_name = "geo:commune_autocomplete"
    default_error_messages = {
        "required": _("Pick a commune from the list (type at least two letters of its name)."),
        "invalid_choice": _("Pick a commune from the list (type at least two letters of its name)."),
    }

    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = Commune.objects.select_related("department")
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: Commune) -> str:
        return f"{obj.name} ({obj.department.code})"

    def resolve_text(self, text: str) -> Commune | None:
        """The commune whose name (or other-language name) is exactly the text, if only one is."""
        found = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*", text)  # as shown in the list: "Nice (06)"
        name, department = (found.group(1), found.group(2).strip().upper()) if found else (text, "")
        wanted = normalise(name)
        if len(wanted) < MIN_CHARS:
            return None
        queryset = self.queryset.filter(department__code=department) if department else self.queryset
        matches = [
            c for c in search_communes(wanted, queryset)[:50] if wanted in (normalise(c.name), normalise(c.alt_name))
        ]
        return matches[0] if len(matches) == 1 else None
