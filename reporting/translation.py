from modeltranslation.translator import TranslationOptions, register

from reporting.models import ActionItem, Activity, Decision, Deliverable, Indicator, Meeting, Project, WorkPackage


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title",)


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
