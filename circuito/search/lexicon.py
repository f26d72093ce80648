"""Typo tolerance: a word nobody has ever written is replaced by the nearest known word.

Known words come from named vocabularies that apps register when they start (the thesaurus,
communes, reference labels, place names…). Nearness is trigram similarity, as PostgreSQL's pg_trgm
computes it, done in Python on both databases so that a query gives the same results on SQLite and
PostgreSQL; the index is built once per process and rebuilt when the thesaurus changes.
"""

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from circuito.search.analysis import words

_sources: dict[str, list[Callable[[], Iterable[str]]]] = defaultdict(list)
_lock = threading.Lock()
# The lowest similarity at which a word is taken for a typo of another (pg_trgm's default is 0.3;
# single words need more to avoid "correcting" a real word into another one).
SIMILARITY = 0.45
MIN_LENGTH = 4


def register_vocabulary(name: str, source: Callable[[], Iterable[str]]) -> None:
    """Add a source of known texts to a vocabulary (called from an app's `ready()`)."""
    if source not in _sources[name]:
        _sources[name].append(source)


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces in front and one behind."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's `similarity`: shared trigrams over all distinct trigrams of both words."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


@dataclass
class Lexicon:
    words: Counter = field(default_factory=Counter)
    postings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, texts: Iterable[str]) -> None:
        for text in texts:
            for word in words(text or ""):
                if len(word) >= 2 and word.isalpha():
                    self.words[word] += 1

    def index(self) -> None:
        for word in self.words:
            if len(word) >= MIN_LENGTH - 1:
                for gram in trigrams(word):
                    self.postings[gram].append(word)

    def knows(self, word: str, *, prefix: bool = False) -> bool:
        if word in self.words:
            return True
        return prefix and any(known.startswith(word) for known in self.postings.get(f"  {word[0]}", ()))

    def correct(self, word: str) -> str | None:
        """The known word nearest to `word`: within one edit (two for long words, a swap of two
        letters counting as one) among those sharing trigrams with it, or else similar enough;
        ties go to the closer, then the commoner word."""
        if len(word) < MIN_LENGTH or not word.isalpha():
            return None
        grams = trigrams(word)
        shared: Counter = Counter()
        for gram in grams:
            shared.update(self.postings.get(gram, ()))
        allowed = WRONG if len(word) < 8 else 2 * WRONG
        best, best_key = None, None
        for candidate, count in shared.most_common(300):
            score = count / (len(grams) + len(trigrams(candidate)) - count)
            if score < 0.2:
                break
            distance = edit_distance(word, candidate)
            if distance > allowed and score < SIMILARITY:
                continue
            key = (distance, -score, -self.words[candidate], candidate)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
        return best


# The typos people make most are a letter left out and two letters swapped; a letter typed in
# excess comes next, a wrong letter last: the costs of the edits from the typed word to a known one.
LEFT_OUT, SWAPPED, EXTRA, WRONG = 0.8, 0.8, 0.9, 1.0
# A wrong first letter is rarer still (people see the start of what they type): "selvicoltore" is
# not a typo of "melicoltore".
WRONG_FIRST = 1.5


def edit_distance(a: str, b: str) -> float:
    """Weighted optimal string alignment distance from the typed `a` to the known `b`: a letter
    of `b` missing from `a`, two neighbouring letters swapped, a letter of `a` in excess and a
    wrong letter cost LEFT_OUT, SWAPPED, EXTRA and WRONG (WRONG_FIRST for the first letter)."""
    previous2: list[float] = []
    previous = [j * LEFT_OUT for j in range(len(b) + 1)]
    for i, ca in enumerate(a, start=1):
        current = [i * EXTRA] + [0.0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0.0 if ca == cb else WRONG_FIRST if i == j == 1 else WRONG
            current[j] = min(previous[j] + EXTRA, current[j - 1] + LEFT_OUT, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + SWAPPED)
        previous2, previous = previous, current
    return round(previous[-1], 6)


_cache: dict[tuple[str, ...], tuple[str, Lexicon]] = {}


def lexicon(names: tuple[str, ...], version: str) -> Lexicon:
    """The lexicon of the union of vocabularies `names`, built once per thesaurus version."""
    cached = _cache.get(names)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        built = Lexicon()
        for name in names:
            for source in _sources.get(name, ()):
                built.add(source())
        built.index()
        _cache[names] = (version, built)
        return built


def forget() -> None:
    """Drop every built lexicon (tests, and after reference data is reloaded)."""
    _cache.clear()
