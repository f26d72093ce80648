"""Content written in French and/or Italian (modeltranslation `_fr`/`_it` fields), shown in the
reader's language with a fallback to the other one, marked as the original language."""

from typing import Any

from django.utils import translation

LANGUAGES = ("fr", "it")


def current_language() -> str:
    """ "fr" or "it", whatever variant the request carries."""
    lang = (translation.get_language() or "fr")[:2]
    return lang if lang in LANGUAGES else "fr"


def text_and_language(obj: Any, field: str, lang: str | None = None) -> tuple[str, str]:
    """(text in `lang`, "") or, when only the other language has it, (that text, its code): the
    code is shown as the "original language" marker. `obj` is a model instance or a values() dict."""
    lang = lang or current_language()
    get = obj.get if isinstance(obj, dict) else (lambda name, default="": getattr(obj, name, default))
    own = get(f"{field}_{lang}", "") or ""
    if own:
        return own, ""
    for other in LANGUAGES:
        text = get(f"{field}_{other}", "") or ""
        if other != lang and text:
            return text, other
    return "", ""


def localized(obj: Any, field: str) -> dict[str, str]:
    """{"text": …, "lang": ""} in the current language, or {"text": …, "lang": "it"} when only the
    other language has the text (the code is shown as the "original language" marker)."""
    text, lang = text_and_language(obj, field)
    return {"text": text, "lang": lang}
