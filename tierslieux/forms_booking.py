"""Forms of equipment booking: the booking request, the referents' rules, closures, trainings
and decisions (availability reuses the opening-hours formset)."""

from datetime import UTC, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin
from tierslieux.forms_places import HoursFormSet
from tierslieux.models import BookingRules
from tierslieux.services.booking import MAX_SLOTS_PER_BOOKING

AvailabilityFormSet = HoursFormSet


class BookingForm(BootstrapFormMixin, forms.Form):
    """`start` is the slot's start as a UTC timestamp (the value of the calendar's slot buttons)."""

    start = forms.IntegerField(widget=forms.HiddenInput)
    slots = forms.TypedChoiceField(label=_("Number of consecutive slots"), coerce=int, initial=1)
    organisation = forms.TypedChoiceField(label=_("Booking for"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(
        label=_("What you will make"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words for the referents: material, file format, questions."),
    )

    def __init__(self, *args, organisations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = [(n, str(n)) for n in range(1, MAX_SLOTS_PER_BOOKING + 1)]
        self.organisations = {org.pk: org for org in organisations}
        choices = [("", _("Myself"))] + [(org.pk, str(org)) for org in organisations]
        self.fields["organisation"].choices = choices

    def clean_start(self) -> datetime:
        value = self.cleaned_data["start"]
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError) as error:
            raise forms.ValidationError(_("Choose a slot in the calendar.")) from error

    def clean_organisation(self):
        value = self.cleaned_data.get("organisation")
        return self.organisations.get(value) if value else None


class RulesForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = BookingRules
        fields = [
            "bookable",
            "opening",
            "slot_minutes",
            "min_lead_hours",
            "max_advance_days",
            "price_per_slot",
            "audience",
            "training_required",
            "auto_confirm",
        ]

    def clean_slot_minutes(self) -> int:
        value = self.cleaned_data["slot_minutes"]
        if not 15 <= value <= 480:
            raise forms.ValidationError(
                _("A slot lasts between 15 minutes and 8 hours: enter a number from 15 to 480.")
            )
        return value

    def clean_max_advance_days(self) -> int:
        value = self.cleaned_data["max_advance_days"]
        if not 1 <= value <= 366:
            raise forms.ValidationError(_("Offer slots from 1 to 366 days ahead."))
        return value


class ClosureForm(BootstrapFormMixin, forms.Form):
    starts_on = forms.DateField(label=_("Closed from"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Until (included)"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The closure ends before it starts: swap the two dates."))
        return data


class TrainingForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail of the trained person's account"))
    trained_on = forms.DateField(
        label=_("Trained on"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )


class DecisionForm(forms.Form):
    answer = forms.CharField(label=_("Message (required to decline)"), required=False, max_length=2000)
