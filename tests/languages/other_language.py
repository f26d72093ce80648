"""Finding the other language left on a page: every translation of the catalogue that differs
from the page language's one must be absent from what the reader sees (text, and the attributes a
screen reader or a form shows)."""

from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

from circuito.languages.typography import compiled_text

SHOWN_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt", "value"}


@cache
def _catalogue(language: str) -> dict[tuple[str | None, str], str]:
    po = polib.pofile(str(Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")))
    # As compiled: French translations carry their non-breaking spaces on the pages.
    return {(e.msgctxt, e.msgid): compiled_text(language, e.msgstr) for e in po if e.msgstr}


@cache
def strings_only_in(language: str) -> frozenset[str]:
    """Whole phrases of `language` (two words or more, no placeholders) that the other language
    says differently."""
    other = _catalogue("it" if language == "fr" else "fr")
    found = set()
    for key, text in _catalogue(language).items():
        text = text.strip()
        if "%(" in text or "{" in text or " " not in text or len(text) < 12:
            continue
        if other.get(key, "").strip() != text:
            found.add(text)
    return frozenset(found)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ShownText(HTMLParser):
    """Text and shown attributes, without scripts and without parts marked in another language
    (`lang="it"` on a French page: a quotation or a proper name, as WCAG's language of parts asks)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: is it hidden from the check?

    def _hidden(self) -> bool:
        return bool(self._stack) and self._stack[-1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").split("-")[0]
        hidden = self._hidden() or tag in ("script", "style", "template") or (bool(lang) and lang != self.language)
        if not hidden:
            self.parts.extend(value for name, value in attrs if name in SHOWN_ATTRIBUTES and value)
        if tag not in VOID:
            self._stack.append(hidden)

    def handle_startendtag(self, tag, attrs):
        if not self._hidden():
            self.parts.extend(value for name, value in attrs if name in SHOWN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag not in VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)


def shown_text(html: str, language: str) -> str:
    parser = _ShownText(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def other_language_left(text: str, page_language: str) -> list[str]:
    other = "it" if page_language == "fr" else "fr"
    flat = " ".join(text.split())
    return sorted(s for s in strings_only_in(other) if " ".join(s.split()) in flat)
