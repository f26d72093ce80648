"""Finding French left on an Italian page: every French translation of the catalogue that
differs from its Italian one must be absent from the page's visible text."""

from functools import cache
from pathlib import Path

import polib
from django.conf import settings

from circuito.languages.typography import compiled_text


@cache
def french_only_strings() -> set[str]:
    base = Path(settings.BASE_DIR, "locale")
    # As compiled: French translations carry their non-breaking spaces on the pages.
    fr = {
        e.msgid: compiled_text("fr", e.msgstr) for e in polib.pofile(str(base / "fr/LC_MESSAGES/django.po")) if e.msgstr
    }
    it = {e.msgid: e.msgstr for e in polib.pofile(str(base / "it/LC_MESSAGES/django.po")) if e.msgstr}
    strings = set()
    for msgid, fr_text in fr.items():
        text = fr_text.strip()
        # Whole phrases only (two words or more, no placeholders) that Italian says differently.
        if "%(" in text or "{" in text or " " not in text or len(text) < 12:
            continue
        if it.get(msgid, "").strip() != text:
            strings.add(text)
    return strings


def french_left_in(text: str) -> list[str]:
    return sorted(s for s in french_only_strings() if s in text)
