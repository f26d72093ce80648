"""The thesaurus as the query parser reads it: terms indexed by their analysed words, held in
memory per process and rebuilt when a concept, term or link changes (a facilitator's new synonym
counts at the next search, without a deploy)."""

import bisect
import logging
import threading
from dataclasses import dataclass, field

from django.core.cache import cache
from django.dispatch import Signal

from circuito.search.analysis import stems, tokens
from circuito.search.stopwords import CONDITION

logger = logging.getLogger(__name__)
VERSION_KEY = "search:thesaurus-version"
# Other processes see an edit within this many seconds even with a per-process cache.
VERSION_TTL = 60


@dataclass(frozen=True)
class TermEntry:
    concept_id: int
    text: str
    language: str
    preferred: bool
    tokens: tuple[frozenset[str], ...]
    # The term read without its words of condition ("ordinateurs usagés" as "ordinateurs"): it
    # recognises the thing said in another condition ("vieux ordinateurs", "computer vecchi").
    stripped: bool = False


@dataclass
class ConceptInfo:
    key: str
    label_fr: str
    label_it: str
    links: list[tuple[str, str]] = field(default_factory=list)
    serves: set[int] = field(default_factory=set)

    def label(self, language: str) -> str:
        return self.label_it if language == "it" else self.label_fr


@dataclass
class Thesaurus:
    concepts: dict[int, ConceptInfo] = field(default_factory=dict)
    terms: dict[int, list[TermEntry]] = field(default_factory=dict)
    by_first_key: dict[str, list[TermEntry]] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    # Every key of every term: a typed word with one of them is a whole word, not a beginning.
    keys: set[str] = field(default_factory=set)
    longest: int = 1
    _first_keys: list[str] | None = None

    def add(self, entry: TermEntry) -> None:
        self.terms.setdefault(entry.concept_id, []).append(entry)
        for token in entry.tokens:
            self.keys.update(token)
        for key in entry.tokens[0]:
            self.by_first_key.setdefault(key, []).append(entry)
        self.longest = max(self.longest, len(entry.tokens))

    def match_at(
        self,
        query: list[frozenset[str]],
        start: int,
        *,
        longer: bool = False,
        prefix_last: bool = False,
        domains: tuple[str, ...] = (),
    ) -> tuple[int, list[TermEntry]]:
        """The longest run of query words from `start` that is a term, and the terms it matches.
        `longer`: the query may stop before the term's end ("huile de friture" already
        recognises "huile de friture usagée", but one whole word alone does not begin a longer
        term); `prefix_last`: the query's last word is still being typed and may be the start of
        a term's word ("huile de frit"); `domains`: only concepts whose key starts with one of
        these prefixes ("m-" materials, "a-" activities…), all when empty."""
        candidates: dict[int, TermEntry] = {}
        for key in query[start]:
            for entry in self.by_first_key.get(key, ()):
                candidates[id(entry)] = entry
        if prefix_last and start == len(query) - 1:
            for key in query[start]:
                if len(key) >= 3:
                    for _first, entries in self._prefixed(key):
                        for entry in entries:
                            candidates[id(entry)] = entry
        best_length, best = 0, []
        remaining = len(query) - start
        last = len(query) - 1
        for entry in candidates.values():
            length = min(len(entry.tokens), remaining)
            if length < best_length or (len(entry.tokens) > remaining and not longer):
                continue
            if len(entry.tokens) > remaining and remaining == 1 and not prefix_last:
                continue
            if domains and not self.concepts[entry.concept_id].key.startswith(domains):
                continue
            if all(
                self._meets(query[start + i], entry.tokens[i], prefix_last and start + i == last) for i in range(length)
            ):
                if length > best_length:
                    best_length, best = length, []
                best.append(entry)
        return best_length, best

    @staticmethod
    def _meets(typed: frozenset[str], term: frozenset[str], unfinished: bool) -> bool:
        if typed & term:
            return True
        return unfinished and any(t.startswith(k) for k in typed if len(k) >= 3 for t in term)

    def _prefixed(self, key: str):
        if self._first_keys is None:
            self._first_keys = sorted(self.by_first_key)
        index = bisect.bisect_left(self._first_keys, key)
        while index < len(self._first_keys) and self._first_keys[index].startswith(key):
            first = self._first_keys[index]
            yield first, self.by_first_key[first]
            index += 1

    def preferred(self, concept_id: int, language: str) -> str:
        info = self.concepts[concept_id]
        return info.label(language)


# Sent after a load changed the thesaurus's concepts, terms or links: apps whose documents hold
# concept codes (a place's equipment) rebuild them.
thesaurus_loaded = Signal()

_lock = threading.Lock()
_built: tuple[str, Thesaurus] | None = None


def version() -> str:
    """A string that changes whenever the thesaurus does (cached briefly, read from one row)."""
    try:
        cached = cache.get(VERSION_KEY)
    except Exception:  # a cache outage must not stop search
        logger.warning("cache unavailable for the thesaurus version", exc_info=True)
        cached = None
    if cached:
        return cached
    from circuito.search.models import ThesaurusVersion

    number = ThesaurusVersion.objects.values_list("number", flat=True).first() or 0
    value = f"v{number}"
    try:
        cache.set(VERSION_KEY, value, VERSION_TTL)
    except Exception:
        logger.warning("cache unavailable for the thesaurus version", exc_info=True)
    return value


def changed() -> None:
    """Called when the thesaurus changes: every process rebuilds its copy at its next search
    (this one at once, the others when their cached version expires)."""
    global _built
    from django.db.models import F

    from circuito.search.models import ThesaurusVersion

    if not ThesaurusVersion.objects.update(number=F("number") + 1):
        ThesaurusVersion.objects.create(number=1)
    _built = None
    try:
        cache.delete(VERSION_KEY)
    except Exception:
        logger.warning("cache unavailable for the thesaurus version", exc_info=True)


def current() -> tuple[str, Thesaurus]:
    """The thesaurus of the current version, with that version."""
    global _built
    now = version()
    built = _built
    if built and built[0] == now:
        return built
    with _lock:
        thesaurus = _load()
        _built = (now, thesaurus)
        return _built


def _load() -> Thesaurus:
    from circuito.search.models import Concept, ConceptLink, Term

    thesaurus = Thesaurus()
    for pk, key, label_fr, label_it in Concept.objects.values_list("pk", "key", "label_fr", "label_it"):
        thesaurus.concepts[pk] = ConceptInfo(key, label_fr, label_it)
        thesaurus.by_key[key] = pk
    for concept_id, scheme, code in ConceptLink.objects.values_list("concept_id", "scheme", "code"):
        thesaurus.concepts[concept_id].links.append((scheme, code))
    for concept_id, served_id in Concept.serves.through.objects.values_list("from_concept_id", "to_concept_id"):
        thesaurus.concepts[concept_id].serves.add(served_id)
    rows = Term.objects.values_list("concept_id", "text", "language", "preferred", "analysed")
    stripped_seen: set[tuple[int, tuple[frozenset[str], ...]]] = set()
    for concept_id, text, language, preferred, stored in rows:
        analysed = tuple(frozenset(keys) for keys in stored) if stored else tuple(tokens(text))
        if analysed:
            thesaurus.add(TermEntry(concept_id, text, language, preferred, analysed))
            stripped = (
                without_condition(analysed) if thesaurus.concepts[concept_id].key.startswith(CONDITIONED) else None
            )
            if stripped and (concept_id, stripped) not in stripped_seen:
                stripped_seen.add((concept_id, stripped))
                thesaurus.add(TermEntry(concept_id, text, language, False, stripped, stripped=True))
    return thesaurus


# Materials are given away in some condition; trades and places are not ("casse auto" is a trade).
CONDITIONED = ("m-",)
_CONDITION_KEYS = frozenset(key for word in CONDITION for key in stems(word))


def without_condition(analysed: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...] | None:
    """The term's words without its words of condition, when it has some and other words too."""
    kept = tuple(token for token in analysed if not token & _CONDITION_KEYS)
    return kept if kept and len(kept) < len(analysed) else None


def term_texts() -> list[str]:
    """Every term, for the typo-tolerance vocabulary."""
    from circuito.search.models import Term

    return list(Term.objects.values_list("text", flat=True))


_on_reset: list = []


def on_reset(callback) -> None:
    """Register a cache of another module to clear with the thesaurus's (tests)."""
    _on_reset.append(callback)


def _forget_callbacks() -> None:
    for callback in _on_reset:
        callback()


def reset() -> None:
    """Forget this process's copies of the thesaurus and lexicons (tests, between databases)."""
    global _built
    from circuito.search import lexicon

    _built = None
    lexicon.forget()
    _forget_callbacks()
    try:
        cache.delete(VERSION_KEY)
    except Exception:
        logger.warning("cache unavailable for the thesaurus version", exc_info=True)
