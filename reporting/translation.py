from modeltranslation.translator import TranslationOptions, register

from reporting.models import (
    ActionItem,
    Activity,
    Decision,
    Deliverable,
    Indicator,
    Meeting,
    MonitoringEntry,
    Project,
    ProjectEdition,
    WorkPackage,
)


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "programme")


@register(ProjectEdition)
class ProjectEditionTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(WorkPackage)
class WorkPackageTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Deliverable)
class DeliverableTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("agenda", "minutes")


@register(Decision)
class DecisionTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(ActionItem)
class ActionItemTranslationOptions(TranslationOptions):
    fields = ("text",)


# Partners write their monitoring forms in their own language; a translation may be added later.
@register(MonitoringEntry)
class MonitoringEntryTranslationOptions(TranslationOptions):
    fields = ("activities", "problems", "corrective_actions")
