"""Forms of the structure area: a deliverable's target and due month, evidence entries."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from circuito.accounts.models import Organisation
from circuito.forms import BootstrapFormMixin
from reporting import periods, permissions, sources


class DeliverableForm(BootstrapFormMixin, forms.Form):
    target_count = forms.IntegerField(label=_("Target"), min_value=1)
    due_month = forms.IntegerField(label=_("Due month"), min_value=1, required=False)
    responsible = forms.ModelChoiceField(
        label=_("Responsible partner"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("partner_code"),
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Achieved count"),
        required=False,
        help_text=_("Counted from the evidence partners enter, or from one of the portal's indicators."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The registry is filled when the apps start: read it per form, in the page's language.
        self.fields["source"].choices = sources.choices(manual=True)
        self.fields["due_month"].help_text = gettext("Project month (1 = %(month)s).") % {
            "month": date_format(periods.month_start(1), "YEAR_MONTH_FORMAT")
        }


class IndicatorForm(BootstrapFormMixin, forms.Form):
    target = forms.IntegerField(label=_("Target"), min_value=0)
    source = forms.ChoiceField(
        label=_("Achieved value"),
        required=False,
        help_text=_("The portal indicator its achieved value is computed from, if any."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources.choices()


class EvidenceForm(BootstrapFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    count = forms.IntegerField(label=_("Count"), min_value=1, initial=1)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Organisation.objects.none())
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, JPEG or PNG image, or office document, up to 10 MB."),
    )
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = permissions.evidence_partner_choices(user)
        self.fields["partner"].queryset = choices
        if len(choices) == 1:
            self.fields["partner"].initial = choices[0]
