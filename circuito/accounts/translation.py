from modeltranslation.translator import TranslationOptions, register

from circuito.accounts.models import Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("description",)
