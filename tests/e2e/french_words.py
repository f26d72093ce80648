"""Finding French left on an Italian page (see tests.languages.other_language)."""

from tests.languages.other_language import other_language_left


def french_left_in(text: str) -> list[str]:
    return other_language_left(text, "it")
