"""The monitoring form of a partner for a period: three texts per work package."""

from django import forms
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin
from reporting.services.monitoring import TEXT_FIELDS

LABELS = {
    "activities": _("Activities carried out"),
    "problems": _("Problems met"),
    "corrective_actions": _("Corrective actions"),
}


class MonitoringForm(BootstrapFormMixin, forms.Form):
    """Fields `wp<id>_<text>` for each work package given; all disabled when `read_only`."""

    def __init__(self, *args, work_packages, entries: dict, read_only: bool = False, **kwargs) -> None:
        initial = {}
        for wp in work_packages:
            entry = entries.get(wp.pk)
            for name in TEXT_FIELDS:
                initial[f"wp{wp.pk}_{name}"] = getattr(entry, name, "") if entry else ""
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.work_packages = list(work_packages)
        for wp in self.work_packages:
            for name in TEXT_FIELDS:
                self.fields[f"wp{wp.pk}_{name}"] = forms.CharField(
                    label=LABELS[name],
                    required=False,
                    max_length=5000,
                    disabled=read_only,
                    widget=forms.Textarea(attrs={"rows": 3 if name == "activities" else 2}),
                )
        # BootstrapFormMixin styled the fields that existed before; style the added ones too.
        for field in self.fields.values():
            if "form-control" not in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} form-control".strip()

    def groups(self) -> list[tuple]:
        """(work package, [bound fields]) for the template."""
        return [(wp, [self[f"wp{wp.pk}_{name}"] for name in TEXT_FIELDS]) for wp in self.work_packages]

    def entries(self) -> dict[int, dict[str, str]]:
        return {
            wp.pk: {name: self.cleaned_data.get(f"wp{wp.pk}_{name}", "") for name in TEXT_FIELDS}
            for wp in self.work_packages
        }
