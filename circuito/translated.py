"""Content written in French and/or Italian (modeltranslation `_fr`/`_it` fields), shown in the
reader's language with a fallback to the other one, marked as the original language."""

from django.utils import translation


def current_language() -> str:
    """ "fr" or "it", whatever variant the request carries."""
    lang = (translation.get_language() or "fr")[:2]
    return lang if lang in ("fr", "it") else "fr"


def localized(obj, field: str) -> dict[str, str]:
    """{"text": …, "lang": ""} in the current language, or {"text": …, "lang": "it"} when only the
    other language has the text (the code is shown as the "original language" marker)."""
    lang = current_language()
    own = getattr(obj, f"{field}_{lang}", "") or ""
    if own:
        return {"text": own, "lang": ""}
    other = "it" if lang == "fr" else "fr"
    text = getattr(obj, f"{field}_{other}", "") or ""
    return {"text": text, "lang": other if text else ""}
