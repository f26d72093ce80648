"""The form lead partner staff fill to generate a report: kind, period, language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin
from circuito.translated import current_language
from reporting import periods
from reporting.models import Report


class ReportForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=Report.Kind.choices)
    semester = forms.TypedChoiceField(
        label=_("Semester"),
        coerce=int,
        required=False,
        help_text=_("For a semestrial report: that semester; for an intermediate report: from the start to its end."),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, help_text=_("For an annual report."))
    language = forms.ChoiceField(label=_("Language of the report"), choices=[("fr", _("French")), ("it", _("Italian"))])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = periods.current_period()
        self.fields["semester"].choices = [(p.index, p.label) for p in periods.semesters()]
        self.fields["year"].choices = [(p.index, p.label) for p in periods.years()]
        if current is not None:
            self.fields["semester"].initial = current.index
        self.fields["language"].initial = current_language()

    def period_index(self) -> int | None:
        """The semester or the year the chosen kind needs (None for a final report)."""
        kind = self.cleaned_data["kind"]
        if kind == Report.Kind.ANNUAL:
            return self.cleaned_data.get("year")
        if kind == Report.Kind.FINAL:
            return None
        return self.cleaned_data.get("semester")
