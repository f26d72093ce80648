"""Template helpers of the app: bilingual content, answers shown in words."""

from django import template
from django.utils.translation import gettext as _

from circuito.translated import current_language, localized
from focusgroups.models import Question

register = template.Library()


@register.simple_tag
def loc(obj, field: str, lang: str = "") -> dict[str, str]:
    """{"text", "lang"} of a bilingual field: in `lang` exactly when given (previews, where a missing
    translation must show), else in the reader's language with the usual fallback."""
    if lang in ("fr", "it"):
        return {"text": getattr(obj, f"{field}_{lang}", "") or "", "lang": ""}
    return localized(obj, field)


@register.simple_tag
def choice_label(question: Question, value, lang: str = "") -> str:
    return question.choice_label(value, lang or current_language())


@register.simple_tag
def answer_text(question: Question, value, lang: str = "") -> str:
    """An answer as a reader sees it: choices by their label, yes/no in words."""
    lang = lang or current_language()
    if value is None or value == "" or value == []:
        return ""
    if question.kind == Question.Kind.YES_NO:
        return _("Yes") if value else _("No")
    if question.kind == Question.Kind.SINGLE:
        return question.choice_label(value, lang)
    if question.kind == Question.Kind.MULTIPLE:
        return ", ".join(question.choice_label(v, lang) for v in value)
    if question.kind == Question.Kind.SCALE:
        return f"{value} / 5"
    return str(value)


@register.filter
def is_chosen(value, choice_value) -> bool:
    if isinstance(value, list):
        return str(choice_value) in [str(v) for v in value]
    return value is not None and str(value) == str(choice_value)
