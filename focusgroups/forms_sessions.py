"""Forms of sessions and participants."""

from django import forms
from django.utils.translation import gettext_lazy as _

from circuito.accounts.models import Organisation
from circuito.forms import BootstrapFormMixin
from circuito.geo.models import Territory
from circuito.nace.models import NaceActivity
from focusgroups.models import Attachment, Participant, Session, Study, TemplateVersion
from focusgroups.permissions import partner_ids


class ParentTaggedSelect(forms.Select):
    """A select whose options carry `data-parent` (the study of a version, the region of a
    department), so that static/js/focusgroups-sessions.js can show only the matching ones."""

    def __init__(self, *args, parent_attr: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parent_attr = parent_attr

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            parent = instance
            for part in self.parent_attr.split("."):
                parent = getattr(parent, part)
            option["attrs"]["data-parent"] = str(parent)
        return option


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TemplateVersion) -> str:
        return f"{obj.template.study.code} · {obj.template.title} (v{obj.number})"


class SessionForm(BootstrapFormMixin, forms.ModelForm):
    template_version = VersionChoiceField(
        label=_("Question template"),
        queryset=TemplateVersion.objects.filter(status=TemplateVersion.Status.PUBLISHED).select_related(
            "template__study"
        ),
        widget=ParentTaggedSelect(parent_attr="template.study_id", attrs={"data-parent-field": "study"}),
    )
    nace_code = forms.CharField(
        label=_("NACE code"), required=False, max_length=8, help_text=_("Optional, e.g. 10.32 or 01.19")
    )
    updated_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Session
        fields = [
            "study",
            "template_version",
            "organiser",
            "title",
            "date",
            "region",
            "department",
            "mode",
            "place",
            "actor_category",
            "sector",
            "facilitator",
            "note_taker",
            "language",
            "general_notes",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "general_notes": forms.Textarea(attrs={"rows": 3}),
            "department": ParentTaggedSelect(parent_attr="parent_id", attrs={"data-parent-field": "region"}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["study"].queryset = Study.objects.all()
        organisers = Organisation.objects.filter(kind=Organisation.Kind.PARTNER)
        if not user.is_superuser:
            organisers = organisers.filter(pk__in=partner_ids(user))
        self.fields["organiser"].queryset = organisers
        if organisers.count() == 1 and not self.instance.pk:
            self.fields["organiser"].initial = organisers.first().pk
        self.fields["region"].queryset = Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True)
        self.fields["department"].queryset = Territory.objects.filter(
            level=Territory.Level.DEPARTMENT, in_alcotra=True
        ).select_related("parent")
        if self.instance.pk:
            self.fields["updated_at"].initial = self.instance.updated_at
            if self.instance.nace_id:
                self.fields["nace_code"].initial = self.instance.nace.code

    def clean_nace_code(self) -> NaceActivity | None:
        code = (self.cleaned_data.get("nace_code") or "").strip()
        if not code:
            return None
        nace = NaceActivity.objects.filter(code=code).first()
        if nace is None:
            raise forms.ValidationError(_("No NACE activity has the code %(code)s.") % {"code": code})
        return nace

    def data_for_service(self) -> dict:
        data = {f: self.cleaned_data.get(f) for f in self.Meta.fields}
        data["nace"] = self.cleaned_data.get("nace_code")
        return data


class ParticipantForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["organisation_name", "category", "country", "name", "language", "attended"]


class ReturnForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("What should the partner change?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class WithdrawForm(BootstrapFormMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Date of withdrawal"), widget=forms.DateInput(attrs={"type": "date"}))


class AttachmentForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class SessionFilterForm(BootstrapFormMixin, forms.Form):
    study = forms.ModelChoiceField(
        label=_("Activity"), queryset=Study.objects.all(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *Session.Status.choices], required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True),
        required=False,
        empty_label=_("All"),
    )
    organiser = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER),
        required=False,
        empty_label=_("All"),
    )
