from modeltranslation.translator import TranslationOptions, register

from tierslieux.models import (
    Equipment,
    EquipmentKind,
    Event,
    InnovationNeed,
    News,
    Place,
    PlaceKind,
    Project,
    Sector,
    Service,
    ServiceKind,
)


@register(PlaceKind)
class PlaceKindTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Sector)
class SectorTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(EquipmentKind)
class EquipmentKindTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(ServiceKind)
class ServiceKindTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Place)
class PlaceTranslationOptions(TranslationOptions):
    fields = ("description", "access_conditions", "prices", "accessibility")


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name", "description", "conditions")


@register(Equipment)
class EquipmentTranslationOptions(TranslationOptions):
    fields = ("specs", "booking")


@register(InnovationNeed)
class InnovationNeedTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(News)
class NewsTranslationOptions(TranslationOptions):
    fields = ("title", "body")


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description")
