"""The analyser folds what people type so that forms of one word meet."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circuito.search.analysis import document, tokens, words
from circuito.search.lexicon import Lexicon, similarity


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("sciure", "sciures"),
        ("huile usagée", "huiles usagees"),
        ("Caseificio", "caseifici"),
        ("stampante", "stampanti"),
        ("olio esausto", "oli esausti"),
        ("pneumatico", "pneumatici"),
        ("animal", "animaux"),
        ("vinaccia", "vinacce"),
        ("Découpe", "decoupes"),
    ],
)
def test_forms_of_a_word_share_a_key(one, other):
    for a, b in zip(tokens(one), tokens(other), strict=True):
        assert a & b, (one, other)


def test_elisions_and_stop_words_are_dropped():
    assert words("l'huile d'olive dell'olio") == ["huile", "olive", "olio"]
    assert tokens("les marcs de raisin") == tokens("marc raisin")
    assert tokens("il siero di latte") == tokens("siero latte")
    assert tokens("de la et di") == []


def test_different_words_do_not_meet():
    assert not (tokens("bois")[0] & tokens("verre")[0])
    assert not (tokens("fromagerie")[0] & tokens("fonderie")[0])


def test_document_is_space_delimited_and_deduplicated():
    doc = document("Sciure de bois", "Sciures")
    assert doc.startswith(" ") and doc.endswith(" ")
    assert doc.split().count("sciur") == 1
    assert document("", None) == ""


@given(st.text(max_size=300))
def test_any_text_analyses_without_error(text):
    doc = document(text)
    assert "\x00" not in doc
    assert all(key.isalnum() and key.isascii() for key in doc.split())


def test_trigram_similarity_is_pg_trgm():
    # pg_trgm: similarity('word', 'two words') = 0.36363637
    assert similarity("word", "words") == pytest.approx(4 / 7)
    assert similarity("cuneo", "cuneo") == 1.0


def test_lexicon_corrects_one_typo_and_keeps_known_words():
    lexicon = Lexicon()
    lexicon.add(["Cuneo", "Chamonix-Mont-Blanc", "segatura", "sciure"])
    lexicon.index()
    assert lexicon.correct("cuneeo") == "cuneo"
    assert lexicon.correct("chamonx") == "chamonix"
    assert lexicon.correct("segatrua") == "segatura"
    assert lexicon.correct("zzzzzz") is None
    assert lexicon.knows("sciure")
    assert lexicon.knows("seg", prefix=True)


@given(st.text(alphabet="abcde", max_size=8), st.text(alphabet="abcde", max_size=8))
def test_edit_distance_is_bounded(a, b):
    from circuito.search.lexicon import edit_distance

    # Weighted edits: bounded by the plain distance's bounds (a wrong first letter costs half a
    # letter more), zero only for the same word.
    assert 0.8 * abs(len(a) - len(b)) - 1e-9 <= edit_distance(a, b) <= max(len(a), len(b)) + 0.5
    assert (edit_distance(a, b) == 0) == (a == b)


def test_edit_distance_counts_a_swap_as_one():
    from circuito.search.lexicon import edit_distance

    assert edit_distance("segatrua", "segatura") == 0.8
    assert edit_distance("cuneeo", "cuneo") == 0.9
    assert edit_distance("chamonx", "chamonix") == 0.8  # a letter left out weighs less
    assert edit_distance("chamonx", "chamond") == 1.0  # than a wrong one
    assert edit_distance("kitten", "sitting") == 3.3  # a wrong first letter weighs more


def test_a_real_word_is_not_corrected_into_another_by_its_first_letter():
    from circuito.search.lexicon import edit_distance

    lexicon = Lexicon()
    lexicon.add(["melicoltore", "selvicoltura"])
    lexicon.index()
    assert edit_distance("selvicoltore", "melicoltore") > edit_distance("selvicoltore", "selvicoltura")
    assert lexicon.correct("selvicoltore") == "selvicoltura"
