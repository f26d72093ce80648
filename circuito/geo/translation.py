from modeltranslation.translator import TranslationOptions, register

from circuito.geo.models import Territory


@register(Territory)
class TerritoryTranslationOptions(TranslationOptions):
    fields = ("name",)
