"""The thesaurus read the other way round, for apps that match records on concepts rather than
search them: which concepts a code stands for, which concepts can be used as another one, and
which concepts a short text (a title) names. Built once per thesaurus version and process, like
the thesaurus itself; codes are plain strings, so no app is imported here."""

import threading
from dataclasses import dataclass, field

from circuito.search import thesaurus as thesauri
from circuito.search.analysis import tokens

# Texts whose concepts are remembered per version: titles repeat across calls (the candidates of
# one flow are the candidates of its neighbours), and recognising one costs ~0.2 ms.
NAMED_CACHE_SIZE = 50_000


@dataclass
class ConceptIndex:
    version: str
    thesaurus: thesauri.Thesaurus
    # (scheme, code) -> concepts linked to that code ("ewc", "02 03 04"; "material", "bark").
    by_link: dict[tuple[str, str], frozenset[int]] = field(default_factory=dict)
    # concept -> concepts that can be used as it (the reverse of `serves`).
    served_by: dict[int, frozenset[int]] = field(default_factory=dict)
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
            words = tokens(text)
            spans: list[frozenset[int]] = []
            position = 0
            while position < len(words):
                length, entries = self.thesaurus.match_at(words, position)
                if length:
                    spans.append(frozenset(entry.concept_id for entry in entries))
                position += length or 1
            found = tuple(spans)
            if len(self._named) >= NAMED_CACHE_SIZE:
                self._named.clear()
            self._named[text] = found
        return found


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
        _index = ConceptIndex(
            version,
            thesaurus,
            {link: frozenset(ids) for link, ids in by_link.items()},
            {concept: frozenset(ids) for concept, ids in served_by.items()},
        )
        return _index
