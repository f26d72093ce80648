"""The thesaurus read the other way round, for apps that match records on concepts rather than
search them: which concepts a code stands for, which concepts can be used as another one, and
which concepts a short text (a title) names. Built once per thesaurus version and process, like
the thesaurus itself; codes are plain strings, so no app is imported here."""

import itertools
import threading
from dataclasses import dataclass, field

from circuito.search import thesaurus as thesauri
from circuito.search.analysis import tokens

# Texts whose concepts are remembered per version: titles repeat across calls (the candidates of
# one flow are the candidates of its neighbours).
NAMED_CACHE_SIZE = 50_000


@dataclass
class ConceptIndex:
    version: str
    thesaurus: thesauri.Thesaurus
    # (scheme, code) -> concepts linked to that code ("ewc", "02 03 04"; "material", "bark").
    by_link: dict[tuple[str, str], frozenset[int]] = field(default_factory=dict)
    # concept -> concepts that can be used as it (the reverse of `serves`).
    served_by: dict[int, frozenset[int]] = field(default_factory=dict)
    # One analysed key per word of a term -> the concepts of the terms it spells: every choice of
    # keys of every term, so that recognising a phrase is a few dictionary reads, not a scan of
    # the terms sharing its first word (a title is read in ~0.05 ms instead of ~0.25 ms).
    phrases: dict[tuple[str, ...], frozenset[int]] = field(default_factory=dict)
    # First key -> the longest term starting with it, in words.
    longest: dict[str, int] = field(default_factory=dict)
    _named: dict[str, tuple[frozenset[int], ...]] = field(default_factory=dict)

    def key(self, concept_id: int) -> str:
        return self.thesaurus.concepts[concept_id].key

    def label(self, concept_id: int, language: str) -> str:
        return self.thesaurus.concepts[concept_id].label(language)

    def serves(self, concept_id: int) -> set[int]:
        return self.thesaurus.concepts[concept_id].serves

    def links(self, concept_id: int) -> list[tuple[str, str]]:
        return self.thesaurus.concepts[concept_id].links

    def linked(self, scheme: str, code: str) -> frozenset[int]:
        return self.by_link.get((scheme, code), frozenset())

    def forget_names(self) -> None:
        """Forget the texts read so far (benchmarks of the first reading)."""
        self._named.clear()

    def named(self, text: str) -> tuple[frozenset[int], ...]:
        """The concepts whose terms appear in `text`, in any language and grammatical form: one
        set per phrase recognised (a phrase may stand for several concepts; the longest term wins
        where terms overlap, as when parsing a query)."""
        found = self._named.get(text)
        if found is None:
            found = self._read(tokens(text))
            if len(self._named) >= NAMED_CACHE_SIZE:
                self._named.clear()
            self._named[text] = found
        return found

    def _read(self, words: list[frozenset[str]]) -> tuple[frozenset[int], ...]:
        spans: list[frozenset[int]] = []
        position = 0
        while position < len(words):
            longest = max((self.longest.get(k, 0) for k in words[position]), default=0)
            length = min(longest, len(words) - position)
            while length:
                ids: set[int] = set()
                for keys in itertools.product(*words[position : position + length]):
                    ids |= self.phrases.get(keys, frozenset())
                if ids:
                    spans.append(frozenset(ids))
                    break
                length -= 1
            position += length or 1
        return tuple(spans)


_lock = threading.Lock()
_index: ConceptIndex | None = None


def index() -> ConceptIndex:
    """The index of the current thesaurus (rebuilt when its version changes)."""
    global _index
    version, thesaurus = thesauri.current()
    built = _index
    if built is not None and built.thesaurus is thesaurus:
        return built
    with _lock:
        by_link: dict[tuple[str, str], set[int]] = {}
        served_by: dict[int, set[int]] = {}
        for concept_id, info in thesaurus.concepts.items():
            for link in info.links:
                by_link.setdefault(link, set()).add(concept_id)
            for served in info.serves:
                served_by.setdefault(served, set()).add(concept_id)
        phrases: dict[tuple[str, ...], set[int]] = {}
        longest: dict[str, int] = {}
        for concept_id, entries in thesaurus.terms.items():
            for entry in entries:
                if entry.stripped:  # matching reads titles as they are written
                    continue
                for keys in itertools.product(*entry.tokens):
                    phrases.setdefault(keys, set()).add(concept_id)
                for first in entry.tokens[0]:
                    longest[first] = max(longest.get(first, 0), len(entry.tokens))
        _index = ConceptIndex(
            version,
            thesaurus,
            {link: frozenset(ids) for link, ids in by_link.items()},
            {concept: frozenset(ids) for concept, ids in served_by.items()},
            {keys: frozenset(ids) for keys, ids in phrases.items()},
            longest,
        )
        return _index
