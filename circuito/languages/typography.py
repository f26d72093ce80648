"""French typography on French HTML pages: a non-breaking space before ":" and inside « », a
narrow one before ";", "!" and "?" — where the text already has a space there (translators and
users type an ordinary one, which lets the sign wrap to the next line alone).

Applied once, to the text between tags of each French HTML response, so UI strings, templates and
user content all follow it. Scripts, styles, editable text (textarea), preformatted text and code,
comments and attribute values are left exactly as they are: form values round-trip unchanged.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

# Elements whose content is not prose, kept whole; then comments, doctype and any other tag.
_SKIP = re.compile(
    r"(<(script|style|textarea|pre|code)\b.*?</\2\s*>|<!--.*?-->|<![^>]*>|<[^>]*>)",
    re.IGNORECASE | re.DOTALL,
)
# An ordinary space (or a run of them) between a word and the sign, when the sign ends its phrase:
# "x != y" or "a ?b" stay as they are.
_BEFORE = re.compile(r"(?<![\s>])[ \t]+([:;!?»])(?=[\s!?.,)»<]|$)")
_AFTER_GUILLEMET = re.compile(r"«[ \t]+(?=\S)")


def _text(text: str) -> str:
    text = _BEFORE.sub(lambda m: (NBSP if m.group(1) in ":»" else NARROW_NBSP) + m.group(1), text)
    return _AFTER_GUILLEMET.sub("«" + NBSP, text)


def french_typography(html: str) -> str:
    """`html` with non-breaking spaces where French typography wants them, in text only."""
    parts = _SKIP.split(html)
    out: list[str] = []
    # split() with two groups yields: text, whole match, inner group, text, …
    i = 0
    while i < len(parts):
        out.append(_text(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
        i += 3
    return "".join(out)


class FrenchTypographyMiddleware:
    """Applies `french_typography` to French HTML responses (pages and htmx fragments)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or response.get("Content-Encoding")
        ):
            return response
        language = response.get("Content-Language") or translation.get_language() or ""
        if not language.startswith("fr"):
            return response
        charset = response.charset or "utf-8"
        response.content = french_typography(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):  # set further down (CommonMiddleware) for the old text
            response["Content-Length"] = str(len(response.content))
        return response
