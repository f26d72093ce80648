"""The bilingual search (tierslieux.search) on the API's lists: `q`, or DRF's usual `search`,
finds records best first, and `circuito.search.api.SearchReasonsField` says why each was found;
what cannot be searched (too long, too short, only common words) is a 400 saying why, in the
reader's language."""

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.filters import SearchFilter
from rest_framework.settings import api_settings

from circuito.search.api import remember
from circuito.translated import current_language
from tierslieux.search import SearchField, parse_query, search_records, with_links


def search_params(params: QueryDict) -> QueryDict:
    """Query parameters with `search` read as `q` when `q` is not given."""
    if params.get("search") and not params.get("q"):
        params = params.copy()
        params["q"] = params["search"]
    return params


class SearchableMixin:
    """For list viewsets: `searched(queryset)` at the end of `get_queryset`."""

    # Codes the records' documents hold link keys for (see tierslieux.search_index).
    search_schemes: tuple[str, ...] = ()
    # DRF's SearchFilter would read `search` as a plain `icontains`.
    filter_backends = [b for b in api_settings.DEFAULT_FILTER_BACKENDS if not issubclass(b, SearchFilter)]

    def searched(self, queryset: QuerySet) -> QuerySet:
        text = search_params(self.request.query_params).get("q")
        if not text:
            return queryset
        try:
            cleaned = SearchField().clean(text)
        except forms.ValidationError as exc:
            raise DRFValidationError({"q": exc.messages}) from exc
        language = current_language()
        query = remember(self.request, with_links(parse_query(cleaned, language), self.search_schemes))
        return search_records(queryset, query, language)
