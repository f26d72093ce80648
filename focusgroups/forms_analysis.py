"""Forms of the analysis area: codebook themes, material filters, SWOT items, exports."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin
from circuito.geo.models import Territory
from circuito.translated import localized
from focusgroups.models import ActorCategory, Language, Quote, Sector, Session, Study, SwotItem, Theme
from focusgroups.selectors_analysis import coded_quotes, question_keys, study_themes


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.code} · {localized(obj, 'label')['text']}"


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Territory) -> str:
        return f"{localized(obj, 'name')['text'] or obj.name} ({obj.country})"


class ThemeForm(BootstrapFormMixin, forms.ModelForm):
    parent = ThemeChoiceField(
        label=_("Parent theme"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("None (top-level theme)"),
    )

    class Meta:
        model = Theme
        fields = ["code", "label_fr", "label_it", "description_fr", "description_it", "parent", "order"]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_it": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, study: Study, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        parents = study_themes(study)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        for lang, name in (("fr", _("French")), ("it", _("Italian"))):
            self.fields[f"label_{lang}"].required = False
            self.fields[f"label_{lang}"].label = _("Label (%(language)s)") % {"language": name}
            self.fields[f"description_{lang}"].label = _("Description (%(language)s)") % {"language": name}

    def validate_unique(self) -> None:
        # Uniqueness of the code within the codebook is checked by the service (with its message).
        pass


class MaterialFilterForm(BootstrapFormMixin, forms.Form):
    territory = RegionChoiceField(
        label=_("Region"), queryset=Territory.objects.none(), required=False, empty_label=_("All")
    )
    category = forms.ChoiceField(label=_("Actor category"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    question = forms.ChoiceField(label=_("Question"), required=False)
    theme = ThemeChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False, empty_label=_("All"))
    uncoded = forms.BooleanField(label=_("Not coded yet"), required=False)

    def __init__(self, *args, study: Study, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        regions = Session.objects.filter(study=study).values("region")
        self.fields["territory"].queryset = Territory.objects.filter(pk__in=regions).order_by("country", "name")
        self.fields["category"].choices = [("", _("All"))] + list(ActorCategory.choices)
        self.fields["sector"].choices = [("", _("All"))] + list(Sector.choices)
        self.fields["question"].choices = [("", _("All"))] + [
            (key, f"{key} · {text[:60]}") for key, text in question_keys(study)
        ]
        self.fields["theme"].queryset = study_themes(study)


class SessionChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Session) -> str:
        when = date_format(obj.date, "SHORT_DATE_FORMAT")
        return f"{when} · {obj.organiser.partner_code or obj.organiser} · {obj.department or obj.region}"


class QuoteChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Quote) -> str:
        who = obj.participant.pseudonym if obj.participant_id else "—"
        return f"{date_format(obj.session.date, 'SHORT_DATE_FORMAT')} · {who} · “{obj.text}”"


class SwotItemForm(BootstrapFormMixin, forms.ModelForm):
    # Checkboxes rather than a multiple select: no Ctrl-click to learn, and long quotes wrap.
    evidence_sessions = SessionChoices(
        label=_("Supporting focus groups"),
        queryset=Session.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_quotes = QuoteChoices(
        label=_("Supporting coded quotes"),
        queryset=Quote.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SwotItem
        fields = ["quadrant", "text_fr", "text_it", "evidence_sessions", "evidence_quotes"]
        widgets = {
            "text_fr": forms.Textarea(attrs={"rows": 2}),
            "text_it": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, study: Study, region: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for lang, name in (("fr", _("French")), ("it", _("Italian"))):
            self.fields[f"text_{lang}"].required = False
            self.fields[f"text_{lang}"].label = _("Text (%(language)s)") % {"language": name}
        self.fields["quadrant"].choices = list(SwotItem.Quadrant.choices)
        self.fields["evidence_sessions"].queryset = (
            Session.objects.held_or_beyond()
            .filter(study=study, region=region)
            .select_related("organiser", "region", "department")
            .order_by("date", "pk")
        )
        self.fields["evidence_quotes"].queryset = coded_quotes(study, region.pk)
        # Shown instead of an empty list of checkboxes (see analysis/_form_fields.html).
        self.fields["evidence_sessions"].empty_message = _("No focus group of this region has been held yet.")
        self.fields["evidence_quotes"].empty_message = _(
            "No quote of this region is coded yet: tag quotes with themes in “Material and coding” first."
        )


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "XLSX")])


class SynthesisForm(BootstrapFormMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language of the document"), choices=Language.choices)
    region = RegionChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.none(),
        required=False,
        empty_label=_("Every territory"),
    )

    def __init__(self, *args, study: Study, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        regions = Session.objects.filter(study=study).values("region")
        self.fields["region"].queryset = Territory.objects.filter(pk__in=regions).order_by("country", "name")
