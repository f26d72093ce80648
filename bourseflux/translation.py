from modeltranslation.translator import TranslationOptions, register

from bourseflux.models import ActivityFlowProfile, EwcCode, Flow, MaterialCategory, PilotZone


@register(EwcCode)
class EwcCodeTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(MaterialCategory)
class MaterialCategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(ActivityFlowProfile)
class ActivityFlowProfileTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Flow)
class FlowTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(PilotZone)
class PilotZoneTranslationOptions(TranslationOptions):
    fields = ("name", "description")
