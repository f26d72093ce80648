"""One search capability for the whole portal: French/Italian text analysis, a bilingual
thesaurus, typo tolerance and ranking with reasons. Apps keep their own search documents and
ranking rules; they never analyse text themselves.

    query = parse("sciure de bois", language="fr")
    hits = search(EwcCode.objects.all(), query).order_by("-search_rank")
    annotate_reasons(page, query)       # hit.search_reasons: ["sciure ↔ segatura"]
"""

from circuito.search.analysis import document, fold, tokens
from circuito.search.lexicon import register_vocabulary
from circuito.search.query import Query, parse
from circuito.search.sql import annotate_reasons, hit_reasons, matching, rank, reasons, search, search_linked

__all__ = [
    "Query",
    "annotate_reasons",
    "document",
    "hit_reasons",
    "fold",
    "matching",
    "parse",
    "rank",
    "reasons",
    "register_vocabulary",
    "search",
    "search_linked",
    "tokens",
]
