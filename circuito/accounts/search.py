"""Finding organisations by name or commune, with the shared search engine (circuito.search):
accents, case and one typo per word tolerated. Names are proper nouns: their words are kept as
they are (no stemming) and the thesaurus is not used ("Scierie du Lac" is not found by
"segheria")."""

from django.db.models import QuerySet

from circuito.search import Query, document, parse, search
from circuito.translated import current_language

# Known words for typo tolerance: organisation names (registered in AccountsConfig.ready) and
# commune names.
VOCABULARIES = ("organisations", "communes")


def organisation_search_document(organisation) -> str:
    """Legal name and commune (both names), as proper names. Works on historical models in
    migrations."""
    commune = organisation.commune if organisation.commune_id else None
    names = (organisation.legal_name, commune.name if commune else "", commune.alt_name if commune else "")
    return document(*names, stem=False)


def organisation_words() -> list[str]:
    from circuito.accounts.models import Organisation

    return list(Organisation.objects.values_list("legal_name", flat=True))


def parse_organisation_query(text: str, *, prefix: bool = True) -> Query:
    """A query for organisations; `prefix`: the last word may be unfinished (autocompletes)."""
    return parse(text, language=current_language(), vocabularies=VOCABULARIES, prefix=prefix, expand=False, stem=False)


def search_organisations(query: "str | Query", queryset: QuerySet | None = None, *, prefix: bool = True) -> QuerySet:
    """Organisations of `queryset` whose name or commune holds every word of `query` (in any
    form, one typo corrected per word), best first then by name. Nothing for an empty query."""
    from circuito.accounts.models import Organisation

    queryset = Organisation.objects.all() if queryset is None else queryset
    parsed = query if isinstance(query, Query) else parse_organisation_query(query, prefix=prefix)
    return search(queryset, parsed, require_all=True).order_by("-search_rank", "legal_name", "pk")
