"""Forms of the expenditure area: an expenditure line (with its supporting document) and a
partner's budget per cost category with its co-financing rates (entered as percentages)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from circuito.forms import BootstrapFormMixin
from reporting import periods
from reporting.models import CostCategory, PartnerBudget, PartnerFinance
from reporting.services.expenditure import check_supporting_document

HUNDRED = Decimal("100")


def started_period_choices() -> list[tuple[int, str]]:
    today = periods.today()
    return [(p.index, p.label) for p in periods.semesters() if p.start <= today]


class ExpenditureLineForm(BootstrapFormMixin, forms.Form):
    period = forms.TypedChoiceField(label=_("Reporting period"), coerce=int, choices=())
    category = forms.ChoiceField(label=_("Cost category"), choices=CostCategory.choices)
    date_incurred = forms.DateField(
        label=_("Date incurred"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the amount as a number in euros, e.g. 1250.50.")},
    )
    document = forms.FileField(
        label=_("Supporting document"),
        required=False,
        help_text=_("PDF, JPEG or PNG image, or XLSX spreadsheet, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = started_period_choices()
        self.fields["period"].error_messages["invalid_choice"] = gettext(
            "Choose a reporting period that has already started."
        )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(
                gettext("Enter an amount greater than zero, in euros: expenditure cannot be negative.")
            )
        return amount

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            try:
                check_supporting_document(document)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["document"]) from exc
        return document


class BudgetForm(BootstrapFormMixin, forms.Form):
    erdf_percent = forms.DecimalField(
        label=_("ERDF co-financing rate (%)"), min_value=0, max_value=100, max_digits=6, decimal_places=2
    )
    national_percent = forms.DecimalField(
        label=_("National counterpart (%)"), min_value=0, max_value=100, max_digits=6, decimal_places=2
    )

    def __init__(self, *args, partner, **kwargs) -> None:
        budgets = {b.category: b.amount for b in PartnerBudget.objects.filter(partner=partner)}
        finance = PartnerFinance.objects.filter(partner=partner).first()
        initial = {f"budget_{c}": budgets.get(c, Decimal("0")) for c in CostCategory.values}
        cents = Decimal("0.01")
        initial["erdf_percent"] = ((finance.erdf_rate if finance else Decimal("0.85")) * HUNDRED).quantize(cents)
        initial["national_percent"] = ((finance.national_rate if finance else Decimal("0.15")) * HUNDRED).quantize(
            cents
        )
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for value, label in CostCategory.choices:
            self.fields[f"budget_{value}"] = forms.DecimalField(
                label=label,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01", "class": "form-control"}),
                error_messages={"min_value": _("A budget cannot be negative: enter 0 or more.")},
            )
        self.order_fields([f"budget_{c}" for c in CostCategory.values])

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "amounts": {c: data[f"budget_{c}"] for c in CostCategory.values},
            "erdf_rate": data["erdf_percent"] / HUNDRED,
            "national_rate": data["national_percent"] / HUNDRED,
        }

    def add_service_error(self, field: str, messages) -> None:
        names = {"erdf_rate": "erdf_percent", "national_rate": "national_percent"}
        name = names.get(field, f"budget_{field}")
        self.add_error(name if name in self.fields else None, messages)
