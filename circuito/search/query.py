"""A typed query, understood: its words analysed, phrases of the thesaurus recognised and expanded
to their terms in every language, typos corrected, abbreviations spelled out, each alternative
with a weight and the reason it would be found for."""

from dataclasses import dataclass, field

from circuito.search import lexicon as lexicons
from circuito.search import thesaurus as thesauri
from circuito.search.analysis import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, STOP_WORDS, keys_of, words
from circuito.search.stopwords import CONDITION, GENERIC

# Weights: what the user typed and the terms of a concept it names count most, then
# abbreviations, then a term said without its words of condition, then typo corrections.
LITERAL = 1.0
# A term of a concept that the query names in full (the same thing in the other language, or
# another name of it): as good as the typed words, so that a French and an Italian query for the
# same thing rank the same records alike; the typed words keep only a tie-break's edge.
TRANSLATION = 0.98
ABBREVIATION = 0.95
STRIPPED = 0.75
TYPO = 0.7
# A word still being typed, found as the start of a longer one; a term the query only begins.
PREFIX = 0.6
UNFINISHED = 0.6
# One word of a recognised phrase found alone: some credit, less than the phrase.
PARTIAL = 0.35

# Abbreviations of place names and saints, as people write them on both sides of the border.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "st": ("saint", "sankt"),
    "ste": ("sainte",),
    "sts": ("saints",),
    "stes": ("saintes",),
    "s": ("saint", "san", "santo", "santa", "sainte"),
    "sto": ("santo",),
    "sta": ("santa",),
    "ss": ("santi", "santissimo"),
    "mt": ("mont", "monte"),
    "m": ("mont", "monte"),
    "gd": ("grand",),
    "gde": ("grande",),
    "pt": ("petit", "pont"),
    "v": ("val", "valle"),
}


@dataclass(frozen=True)
class Word:
    """One word of an alternative: found if the document holds any of its keys (as a prefix when
    `prefix`)."""

    keys: frozenset[str]
    prefix: bool = False


@dataclass(frozen=True)
class Alternative:
    """Words that must all be in a document, with the weight and reason of finding them."""

    words: tuple[Word, ...]
    weight: float
    reason: str = ""


@dataclass
class Slot:
    """A part of the query (a word, or a phrase the thesaurus knows) and its alternatives."""

    text: str
    alternatives: list[Alternative]

    @property
    def generic(self) -> bool:
        """A word naming waste or material in general ("déchets", "scarti") or only its condition
        ("usagé", "esausto"): see GENERIC and CONDITION."""
        return self.text in GENERIC or self.text in CONDITION


@dataclass(frozen=True)
class ConceptHit:
    concept_id: int
    text: str
    weight: float
    links: tuple[tuple[str, str], ...]
    serves: frozenset[int]
    label: str


@dataclass
class Query:
    text: str
    language: str
    slots: list[Slot] = field(default_factory=list)
    concepts: list[ConceptHit] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.slots

    def links(self, scheme: str) -> dict[str, tuple[float, str]]:
        """Codes of `scheme` that the recognised concepts stand for: code -> (weight, reason)."""
        found: dict[str, tuple[float, str]] = {}
        for hit in self.concepts:
            for link_scheme, code in hit.links:
                if link_scheme == scheme and hit.weight > found.get(code, (0.0, ""))[0]:
                    found[code] = (hit.weight, f"{hit.text} ↔ {hit.label}" if hit.label else hit.text)
        return found


def _literal(word: str, keys: frozenset[str], prefix: bool) -> Word:
    return Word(keys | {word} if prefix else keys, prefix)


def _expand_term(entry: thesauri.TermEntry) -> tuple[Word, ...]:
    return tuple(Word(keys) for keys in entry.tokens)


def parse(
    text: str,
    *,
    language: str = "fr",
    vocabularies: tuple[str, ...] = ("thesaurus",),
    prefix: bool = False,
    expand: bool = True,
    stem: bool = True,
    domains: tuple[str, ...] = (),
) -> Query:
    """Understand `text`. `prefix`: the last word may be unfinished (autocomplete). `expand`:
    use the thesaurus, and `stem`: reduce words to their stems (both off for proper names, such
    as communes and organisations, whose documents are written with `stem=False`). `domains`:
    the thesaurus's concepts to use, by key prefix ("m-", "u-" for materials and their uses, "a-"
    activities, "t-" Tiers-Lieux), all when empty: an EWC search has no use for trades."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    query = Query(text=text, language=language)
    typed = [w for w in words(text) if w not in STOP_WORDS][:MAX_QUERY_WORDS]
    if not typed:
        return query
    version, thesaurus = thesauri.current()
    known = lexicons.lexicon(vocabularies, version)
    keys = [keys_of(w, stem=stem) for w in typed]
    corrected: list[frozenset[str] | None] = []
    for index, word in enumerate(typed):
        is_last = prefix and index == len(typed) - 1
        fix = None if known.knows(word, prefix=is_last) or word in ABBREVIATIONS else known.correct(word)
        if fix and fix != word:
            query.corrections[word] = fix
            corrected.append(keys_of(fix, stem=stem))
        else:
            corrected.append(None)
    # Where a word was corrected, the thesaurus is read with the correction.
    effective = [fix or original for fix, original in zip(corrected, keys, strict=True)]
    # The last word may be the start of a term's word only while it is not a whole word already.
    whole_word = known.knows(typed[-1]) or bool(keys[-1] & thesaurus.keys)
    prefix_last = prefix and not whole_word and corrected[-1] is None
    position = 0
    while position < len(typed):
        length, entries = (
            thesaurus.match_at(effective, position, longer=prefix, prefix_last=prefix_last, domains=domains)
            if expand
            else (0, [])
        )
        if length:
            position = _phrase_slot(query, thesaurus, typed, keys, effective, position, length, entries, prefix)
            continue
        word = typed[position]
        is_last = prefix and position == len(typed) - 1
        alternatives = [Alternative((Word(keys[position]),), LITERAL)]
        if is_last:
            alternatives.append(Alternative((_literal(word, keys[position], True),), PREFIX))
        for spelled in ABBREVIATIONS.get(word, ()):
            alternatives.append(Alternative((Word(keys_of(spelled, stem=stem)),), ABBREVIATION, f"{word} → {spelled}"))
        if corrected[position]:
            fix = query.corrections[word]
            alternatives.append(Alternative((Word(corrected[position], is_last),), TYPO, f"{word} → {fix}"))
        query.slots.append(Slot(word, alternatives))
        position += 1
    return query


def _phrase_slot(query, thesaurus, typed, keys, effective, start, length, entries, prefix) -> int:
    """Add the slot of a recognised phrase: the words as typed, then every term of its concepts
    (with less weight when the query only begins the term), then each typed word alone."""
    end = start + length
    phrase = " ".join(query.corrections.get(word, word) for word in typed[start:end])
    literal = tuple(_literal(typed[i], keys[i], prefix and i == len(typed) - 1) for i in range(start, end))
    alternatives = [Alternative(literal, LITERAL)]
    # A concept one of whose terms the query says in full counts more than one it only begins.
    said = [e for e in entries if len(e.tokens) == length and effective[end - 1] & e.tokens[-1]]
    complete = {e.concept_id for e in said}
    # Said in full only once its words of condition are left out ("vieux ordinateurs" for
    # "ordinateurs usagés"): a little less sure.
    whole = {e.concept_id for e in said if not e.stripped}
    seen = {tuple(w.keys for w in literal)}
    for concept_id in sorted(dict.fromkeys(e.concept_id for e in entries), key=lambda c: c not in complete):
        weight = TRANSLATION if concept_id in whole else STRIPPED if concept_id in complete else UNFINISHED
        info = thesaurus.concepts[concept_id]
        label = _label_for(info, phrase, query.language)
        query.concepts.append(ConceptHit(concept_id, phrase, weight, tuple(info.links), frozenset(info.serves), label))
        for term in thesaurus.terms.get(concept_id, ()):
            expanded = _expand_term(term)
            signature = tuple(w.keys for w in expanded)
            if signature in seen:
                continue
            seen.add(signature)
            reason = "" if _plain(term.text) == phrase else f"{phrase} ↔ {term.text}"
            alternatives.append(Alternative(expanded, weight, reason))
    alternatives = _pruned(alternatives)
    if length > 1:
        for i in range(start, end):
            if typed[i] in GENERIC or typed[i] in CONDITION:  # "scarto" of "calore di scarto" is no heat
                continue
            alternatives.append(Alternative((_literal(typed[i], keys[i], prefix and i == len(typed) - 1),), PARTIAL))
    query.slots.append(Slot(phrase, alternatives))
    return end


def _label_for(info: thesauri.ConceptInfo, phrase: str, language: str) -> str:
    """The concept's name to show with a hit: in the reader's language, or in the other one
    when the reader typed exactly that name (then the other side's word is what was learnt)."""
    label = info.label(language)
    if _plain(label) == phrase:
        return info.label("fr" if language == "it" else "it")
    return label


def _pruned(alternatives: list[Alternative]) -> list[Alternative]:
    """Drop an alternative that another, at least as heavy, already covers: a document holding
    all the words of "sciure de bois" holds "sciure", so once "sciure" is an alternative the
    longer term adds nothing to the filter nor to the rank (and costs SQL)."""
    kept: list[Alternative] = []
    for alternative in sorted(alternatives, key=lambda a: (len(a.words), -a.weight)):
        words_of = set(alternative.words)
        if any(k.weight >= alternative.weight and set(k.words) <= words_of for k in kept):
            continue
        kept.append(alternative)
    # Heaviest first, as the rank's CASE expects.
    return sorted(kept, key=lambda a: -a.weight)


def _plain(text: str) -> str:
    """A term's words as a query shows them: folded, stop words left out."""
    return " ".join(w for w in words(text) if w not in STOP_WORDS)
