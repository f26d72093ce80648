"""The form lead partner staff fill to change an edition of the project calendar or add one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin
from reporting.models.calendar import MAX_DURATION, MAX_PERIOD_MONTHS


class EditionForm(BootstrapFormMixin, forms.Form):
    name_fr = forms.CharField(label=_("Name in French"), max_length=200, required=False)
    name_it = forms.CharField(label=_("Name in Italian"), max_length=200, required=False)
    start_date = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The first day of a month."),
    )
    duration_months = forms.IntegerField(label=_("Duration (months)"), min_value=1, max_value=MAX_DURATION)
    period_months = forms.IntegerField(
        label=_("Length of a reporting period (months)"),
        min_value=1,
        max_value=MAX_PERIOD_MONTHS,
        initial=6,
        help_text=_("6 for semesters (the programme's rule); 3 for quarters, 12 for years."),
    )
