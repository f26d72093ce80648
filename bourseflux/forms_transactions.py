"""Forms of a synergy's deal: the record, an actual quantity, a document. They only shape the
input; `bourseflux.services.transactions` validates it and says what to fix."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bourseflux.models import Flow, Synergy, Transaction, TransactionDocument
from circuito.forms import BootstrapFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TransactionForm(BootstrapFormMixin, forms.Form):
    material = forms.CharField(label=_("Material exchanged"), max_length=200)
    ewc = forms.CharField(
        label=_("EWC code (waste only)"), required=False, max_length=8, help_text=_("Six digits, e.g. 02 03 04.")
    )
    quantity = forms.DecimalField(label=_("Agreed quantity"), min_value=0, max_digits=14, decimal_places=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=Flow.Unit.choices)
    period = forms.ChoiceField(label=_("Per"), choices=Transaction.Period.choices)
    pricing = forms.ChoiceField(label=_("Price"), choices=Transaction.Pricing.choices, widget=forms.RadioSelect)
    price_eur = forms.DecimalField(
        label=_("Price per unit (€)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    ends_on = forms.DateField(label=_("End (optional)"), required=False, widget=DateInput())
    logistics = forms.ChoiceField(label=_("Who carries it"), choices=Transaction.Logistics.choices)
    transport = forms.ChoiceField(label=_("Transport"), choices=Synergy.Transport.choices)
    carrier = forms.CharField(label=_("Carrier"), required=False, max_length=150)

    @classmethod
    def initial_for(cls, synergy: Synergy, deal: Transaction | None) -> dict:
        if deal is not None:
            return {
                "material": deal.material,
                "ewc": deal.ewc.code if deal.ewc_id else "",
                "quantity": deal.quantity,
                "unit": deal.unit,
                "period": deal.period,
                "pricing": deal.pricing,
                "price_eur": deal.price_eur,
                "starts_on": deal.starts_on,
                "ends_on": deal.ends_on,
                "logistics": deal.logistics,
                "transport": deal.transport,
                "carrier": deal.carrier,
            }
        offer = synergy.offer
        return {
            "material": offer.commercial_name or offer.title,
            "ewc": offer.ewc.code if offer.ewc_id else "",
            "quantity": offer.quantity,
            "unit": offer.unit or Flow.Unit.TONNE,
            "period": offer.frequency if offer.frequency in Transaction.Period.values else Transaction.Period.MONTH,
            "pricing": Transaction.Pricing.FREE,
            "transport": synergy.transport or Synergy.Transport.TRUCK,
        }


class ActualQuantityForm(BootstrapFormMixin, forms.Form):
    period_start = forms.DateField(label=_("From"), widget=DateInput())
    period_end = forms.DateField(label=_("To"), widget=DateInput())
    quantity = forms.DecimalField(label=_("Quantity exchanged"), min_value=0, max_digits=14, decimal_places=3)


class DocumentForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=TransactionDocument.Kind.choices)
    file = forms.FileField(label=_("File (PDF, or a photo of a paper document)"))
