"""Forms of online questionnaires: the coordinator's settings and recipients, the respondent's
profile, and the spam guard of the forms anyone may post (honeypot and minimal time on page)."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin
from circuito.geo.models import Territory
from focusgroups.models import ActorCategory, Language, Participant, Questionnaire, TemplateVersion
from focusgroups.permissions import coordinated_studies
from focusgroups.services.questionnaires import dates_error

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIMESTAMP_SALT = "focusgroups.questionnaire.form-shown"


def min_seconds() -> float:
    """How long a person needs at least before sending the public form (bots post at once)."""
    return float(getattr(settings, "FOCUSGROUPS_QUESTIONNAIRE_MIN_SECONDS", 3))


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TemplateVersion) -> str:
        return f"{obj.template.study.code} · {obj.template.title} (v{obj.number})"


class QuestionnaireForm(BootstrapFormMixin, forms.ModelForm):
    template_version = VersionChoiceField(label=_("Question template"), queryset=TemplateVersion.objects.none())

    class Meta:
        model = Questionnaire
        fields = [
            "template_version",
            "title_fr",
            "title_it",
            "introduction_fr",
            "introduction_it",
            "opens_at",
            "closes_at",
            "allow_public",
        ]
        widgets = {
            "introduction_fr": forms.Textarea(attrs={"rows": 3}),
            "introduction_it": forms.Textarea(attrs={"rows": 3}),
            "opens_at": DATETIME_WIDGET,
            "closes_at": DATETIME_WIDGET,
        }
        help_texts = {
            "opens_at": _("Empty: open as soon as it is created."),
            "closes_at": _("Empty: open until you close it."),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["template_version"]
        else:
            self.fields["template_version"].queryset = TemplateVersion.objects.filter(
                status=TemplateVersion.Status.PUBLISHED, template__study__in=coordinated_studies(user)
            ).select_related("template__study")

    def clean(self) -> dict:
        data = super().clean()
        # Said here in words, before the model's constraint would refuse it with a generic message.
        if message := dates_error(data.get("opens_at"), data.get("closes_at")):
            self.add_error("closes_at", message)
        return data

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in self.Meta.fields}


class RecipientForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)


class PasteForm(BootstrapFormMixin, forms.Form):
    recipients = forms.CharField(
        label=_("Recipients, one a line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("e-mail; organisation; language (fr or it) — organisation and language are optional."),
        max_length=100_000,
    )
    language = forms.ChoiceField(
        label=_("Language when a line gives none"), choices=Language.choices, initial=Language.FRENCH
    )


class SpamGuardMixin(forms.Form):
    """A field people do not see (bots fill it) and the signed time the form was shown."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    shown = forms.CharField(widget=forms.HiddenInput, required=False)
    check_time = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shown"].initial = signing.dumps(time.time(), salt=TIMESTAMP_SALT)
        self.fields["website"].widget.attrs["class"] = "fg-hp-input"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("Your answer looks automated: leave the hidden field empty."), code="spam")
        if self.check_time:
            try:
                shown = float(signing.loads(self.data.get("shown", ""), salt=TIMESTAMP_SALT, max_age=86_400))
            except (signing.BadSignature, TypeError, ValueError):
                shown = None
                # An expired or broken stamp would stay in the page: start the clock again.
                self.data = self.data.copy()
                self.data["shown"] = signing.dumps(time.time(), salt=TIMESTAMP_SALT)
            if shown is None or time.time() - shown < min_seconds():
                raise forms.ValidationError(
                    _("That was quicker than a person can read the page: take a moment, then send again."),
                    code="too-fast",
                )
        return data


def region_choices() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Region"),
        queryset=Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True).order_by("country", "name"),
        required=False,
        empty_label=_("Another region"),
    )


class ProfileForm(BootstrapFormMixin, SpamGuardMixin):
    """Who answers (no name): the analysis counts answers by category and territory."""

    organisation = forms.CharField(label=_("Your organisation"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Your organisation is"), choices=[("", "—"), *ActorCategory.choices])
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *Participant.Country.choices])
    territory = region_choices()
    field_order = ["organisation", "category", "country", "territory", "website", "shown"]

    def __init__(self, *args, public: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.check_time = public  # personal links come from an e-mail we sent: no timing needed

    def clean(self) -> dict:
        data = super().clean()
        region, country = data.get("territory"), data.get("country")
        if region is not None and country and region.country != country:
            self.add_error("territory", _("This region is not in the country you chose."))
        return data


class ResumeEmailForm(BootstrapFormMixin, SpamGuardMixin):
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("Used only to send you the link, not stored."))
    check_time = False
