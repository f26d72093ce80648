"""Forms of the template editor (both languages side by side)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin
from focusgroups.models import Question, QuestionTag, QuestionTemplate, Section
from focusgroups.services.templates import format_choices, parse_choices


class TemplateForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = QuestionTemplate
        fields = ["title_fr", "title_it", "description_fr", "description_it"]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_it": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "title_fr": _("Title (French)"),
            "title_it": _("Title (Italian)"),
            "description_fr": _("Description (French)"),
            "description_it": _("Description (Italian)"),
        }


class SectionForm(BootstrapFormMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Empty: after the last one.")
        if not self.instance.pk and not self.is_bound:
            self.initial["order"] = None  # the model's default 0 also means "at the end": show it empty

    class Meta:
        model = Section
        fields = ["order", "title_fr", "title_it", "description_fr", "description_it"]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_it": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "title_fr": _("Title (French)"),
            "title_it": _("Title (Italian)"),
            "description_fr": _("Introduction (French)"),
            "description_it": _("Introduction (Italian)"),
        }


class QuestionForm(BootstrapFormMixin, forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Single and multiple choice only: one per line, “value | French label | Italian label”."),
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Analyses this question feeds"),
        queryset=QuestionTag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Question
        fields = ["order", "key", "kind", "text_fr", "text_it", "help_fr", "help_it", "required", "tags"]
        widgets = {
            "text_fr": forms.Textarea(attrs={"rows": 2}),
            "text_it": forms.Textarea(attrs={"rows": 2}),
            "help_fr": forms.Textarea(attrs={"rows": 2}),
            "help_it": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "text_fr": _("Question (French)"),
            "text_it": _("Question (Italian)"),
            "help_fr": _("Help for the facilitator (French)"),
            "help_it": _("Help for the facilitator (Italian)"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Empty: after the last one.")
        if not self.instance.pk and not self.is_bound:
            self.initial["order"] = None  # the model's default 0 also means "at the end": show it empty
        if self.instance.pk and not self.is_bound:
            self.initial["choices_text"] = format_choices(self.instance.choices)

    def clean_choices_text(self) -> list[dict]:
        try:
            return parse_choices(self.cleaned_data.get("choices_text") or "")
        except ValidationError as exc:
            raise ValidationError(exc.message_dict.get("choices", exc.messages)) from None

    def data_for_service(self) -> dict:
        data = {f: self.cleaned_data.get(f) for f in self.Meta.fields}
        data["choices"] = self.cleaned_data.get("choices_text") or []
        data["order"] = data.get("order") or 0
        return data
