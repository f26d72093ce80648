"""Text analysis shared by every search of the portal: the same steps for what is indexed and what
is typed, so that both meet whatever the language, accents or grammatical form.

Steps: lower case and accent folding; elided articles dropped ("l'huile", "dell'olio"); stop words
dropped; each word reduced to its Snowball stems. French and Italian stems are combined in both
orders and a word keeps both results: "caseificio"/"caseifici", "stampante"/"stampanti",
"sciure"/"sciures", "usagée"/"usagées" meet whichever stemmer folds them best, and a reader never
has to say which language they type in.
"""

import re
from functools import lru_cache

import snowballstemmer
from unidecode import unidecode

from circuito.search.stopwords import ALL as STOP_WORDS

# A word is one or more letters or digits once accents are folded.
_WORD = re.compile(r"[a-z0-9]+")
# Elided articles and prepositions before an apostrophe: l'huile, d'olive, dell'olio, all'ingrosso.
_ELISION = re.compile(
    r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|dell|dall|nell|sull|all|coll|dagl|degl|negl|"
    r"sugl|agl|un|quest|quell|nessun|ciascun)['’`]"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A query longer than this many words is cut: nobody types a paragraph in a search box, and a
# bounded query keeps the SQL bounded.
MAX_QUERY_WORDS = 12
MAX_QUERY_LENGTH = 200

_french = snowballstemmer.stemmer("french")
_italian = snowballstemmer.stemmer("italian")


def fold(text: str) -> str:
    """Lower case, accents folded, control characters removed: 'Découpe Laser' -> 'decoupe laser'."""
    return unidecode(_CONTROL.sub(" ", text or "")).lower()


def words(text: str) -> list[str]:
    """The folded words of a text, elided articles removed, stop words kept."""
    folded = _ELISION.sub(" ", fold(text).replace("’", "'"))
    return _WORD.findall(folded)


@lru_cache(maxsize=100_000)
def stems(word: str) -> frozenset[str]:
    """The keys of one folded word: its French-then-Italian and Italian-then-French stems.

    Digits are kept whole (codes, "3d", "pe100"); one- and two-letter words are kept as they are.
    """
    if len(word) <= 2 or not word.isalpha():
        return frozenset((word,))
    return frozenset((_italian.stemWord(_french.stemWord(word)), _french.stemWord(_italian.stemWord(word))))


def keys_of(word: str, *, stem: bool = True) -> frozenset[str]:
    """The keys of a folded word: its stems, or the word itself for proper names (`stem=False`)."""
    return stems(word) if stem else frozenset((word,))


def tokens(text: str, *, stem: bool = True) -> list[frozenset[str]]:
    """The text as a list of words, each given by its set of keys, stop words left out.
    `stem=False` for proper names (communes, organisations): their words are keys as they are."""
    return [keys_of(word, stem=stem) for word in words(text) if word not in STOP_WORDS]


def document(*texts: str | None, stem: bool = True) -> str:
    """What a search index stores for a record: every key of every text, space-separated, with a
    space at both ends so that a key is found as " key " (or " key" as a prefix). Queries on
    it must be parsed with the same `stem`."""
    keys: dict[str, None] = {}
    for text in texts:
        for token in tokens(text or "", stem=stem):
            keys.update(dict.fromkeys(sorted(token)))
    return f" {' '.join(keys)} " if keys else ""
