from modeltranslation.translator import TranslationOptions, register

from focusgroups.models import (
    Question,
    Questionnaire,
    QuestionTag,
    QuestionTemplate,
    Section,
    Study,
    SwotItem,
    Theme,
)


@register(Study)
class StudyTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(QuestionTag)
class QuestionTagTranslationOptions(TranslationOptions):
    fields = ("label", "description")


@register(QuestionTemplate)
class QuestionTemplateTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help")


@register(Questionnaire)
class QuestionnaireTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("label", "description")


@register(SwotItem)
class SwotItemTranslationOptions(TranslationOptions):
    fields = ("text",)
