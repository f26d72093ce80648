from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from circuito.geo.forms import AutocompleteModelChoiceField
from circuito.nace.lookup import resolve_code
from circuito.nace.models import NaceActivity


class NaceField(AutocompleteModelChoiceField):
    """A NACE class, picked by typing its code (NACE, NAF or ATECO form) or words of its label."""

    url_name = "nace:autocomplete"
    default_error_messages = {
        "required": _(
            "Pick an activity from the list (type at least two letters of its name, or its NACE, NAF or ATECO code)."
        ),
        "invalid_choice": _(
            "Pick an activity from the list (type at least two letters of its name, or its NACE, NAF or ATECO code)."
        ),
    }

    def __init__(self, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = NaceActivity.objects.filter(level=NaceActivity.Level.CLASS)
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: NaceActivity) -> str:
        return f"{obj.code} {obj.label}"

    def resolve_text(self, text: str) -> NaceActivity | None:
        """A typed code, e.g. "10.32Z" or "10.32.00 Produzione di succhi…", means its class."""
        first = text.split()[0] if text.split() else ""
        activity = resolve_code(first)
        return activity if activity and self.queryset.filter(pk=activity.pk).exists() else None
