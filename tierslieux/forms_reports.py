"""Public forms of the places area: "report an error"; and the open-data import form (partner staff)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin


class ErrorReportForm(BootstrapFormMixin, forms.Form):
    message = forms.CharField(
        label=_("What is wrong or missing on this page?"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("e.g. the opening hours changed, the phone number no longer answers, the place has moved."),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        help_text=_("Only the referents of the place see it, to answer you."),
    )
    # Left empty by people (hidden from view and from screen readers); robots fill it in.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))


class OpenDataImportForm(BootstrapFormMixin, forms.Form):
    """A CSV in the schema of the directory's export (see the open-data page)."""

    file = forms.FileField(label=_("CSV file (UTF-8, “,” separated, up to 5 MB)"))
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False, initial=True)
