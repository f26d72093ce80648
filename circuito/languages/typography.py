"""French typography for the portal's French texts: a non-breaking space before ":" and inside
« », a narrow one before ";", "!" and "?" — where the text already has a space there (translators
type an ordinary one, which lets the sign wrap to the next line alone).

Applied in one place, when the French catalogue is compiled (`compile_catalogues`): every UI
string then carries it wherever it is shown — pages, e-mails, PDFs, spreadsheets, API messages —
while the .po files stay plain for translators, and user content is left as typed.
"""

import re

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

# Ordinary spaces between a word (or a placeholder) and the sign, when the sign ends its phrase:
# "x != y", "a ?b" and times such as "14:05" stay as they are.
_BEFORE = re.compile(r"(?<=\S)[ \t]+([:;!?»])(?=[\s!?.,)»<\"”]|$)")
_AFTER_GUILLEMET = re.compile(r"«[ \t]+(?=\S)")


def french_text(text: str) -> str:
    """`text` with the non-breaking spaces French typography wants."""
    if not text:
        return text
    text = _BEFORE.sub(lambda m: (NBSP if m.group(1) in ":»" else NARROW_NBSP) + m.group(1), text)
    return _AFTER_GUILLEMET.sub("«" + NBSP, text)


def compiled_text(language: str, text: str) -> str:
    """A translation as it is compiled for `language` (the .mo files hold this form)."""
    return french_text(text) if language.startswith("fr") else text
