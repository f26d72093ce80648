"""The API's django-filter backend: a filter on a related object by a well-formed identifier that
matches no object gives an empty list (`?parent=1024` where no category 1024 exists), as any other
filter matching nothing would; a malformed value is still answered 400. `IdFilter` filters on an
object's identifier given as a number."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend, Filter
from drf_spectacular.utils import extend_schema_field

#: Identifiers fit 64 bits (SQLite refuses larger integers in a query rather than matching nothing).
ID_LIMIT = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": -ID_LIMIT, "maximum": ID_LIMIT})
class IdFilter(Filter):
    """An object's identifier, as an integer (a number filter would take decimals)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, min_value=-ID_LIMIT, max_value=ID_LIMIT, **kwargs)


def _well_formed_identifiers(field: forms.ModelChoiceField, raw) -> bool:
    key = field.to_field_name or field.queryset.model._meta.pk.name
    model_field = field.queryset.model._meta.get_field(key)
    values = raw if isinstance(raw, list | tuple) else [raw]
    try:
        for value in values:
            model_field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


def only_unknown_objects(form: forms.Form) -> bool:
    """Whether every error of the bound filter form is a well-formed identifier of no (visible)
    object."""
    for name, errors in form.errors.as_data().items():
        field = form.fields.get(name)
        if not isinstance(field, forms.ModelChoiceField):  # ModelMultipleChoiceField included
            return False
        if any(error.code != "invalid_choice" for error in errors):
            return False
        key = form.add_prefix(name)
        many = isinstance(field, forms.ModelMultipleChoiceField)
        raw = form.data.getlist(key) if many and hasattr(form.data, "getlist") else form.data.get(key)
        if not _well_formed_identifiers(field, raw):
            return False
    return True


class PortalFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            if only_unknown_objects(filterset.form):
                return queryset.none()
            raise utils.translate_validation(filterset.errors)
        return filterset.qs
