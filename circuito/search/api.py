"""What the API says of a search hit: the reasons it was found, next to the hit itself."""

from django.http import HttpRequest
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from circuito.search.query import Query
from circuito.search.sql import hit_reasons

_ATTRIBUTE = "_circuito_search_query"


def remember(request: HttpRequest | None, query: Query) -> Query:
    """Keep the parsed query on the request, for the serializers of its hits."""
    if request is not None:
        setattr(getattr(request, "_request", request), _ATTRIBUTE, query)
    return query


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class SearchReasonsField(serializers.Field):
    """Why this row was found by `q`/`search` ("segatura ↔ sciure"); empty without a search."""

    def __init__(self, scheme: str | None = None, code_field: str = "code", **kwargs) -> None:
        self.scheme, self.code_field = scheme, code_field
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj) -> list[str]:
        request = self.context.get("request")
        query = getattr(getattr(request, "_request", request), _ATTRIBUTE, None)
        if query is None:
            return []
        return hit_reasons(query, obj, scheme=self.scheme, code_field=self.code_field)
