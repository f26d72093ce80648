from modeltranslation.translator import TranslationOptions, register

from circuito.nace.models import NaceActivity


@register(NaceActivity)
class NaceActivityTranslationOptions(TranslationOptions):
    fields = ("label",)
