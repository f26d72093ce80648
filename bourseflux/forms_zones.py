"""Forms of pilot zones, workshops (with the flow grid) and awareness meetings."""

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bourseflux.models import AwarenessMeeting, Flow, MaterialCategory, PilotZone, Workshop
from bourseflux.services.zones import MAX_RADIUS_KM, partners_for
from circuito.accounts.models import Organisation
from circuito.forms import BootstrapFormMixin
from circuito.geo.forms import AutocompleteModelChoiceField, CommuneField


class CompanyField(AutocompleteModelChoiceField):
    url_name = "bourseflux:company_autocomplete"
    default_error_messages = {
        "required": _("Pick a company from the list (type at least two letters of its name)."),
        "invalid_choice": _("Pick a company from the list (type at least two letters of its name)."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Organisation.objects.filter(kind=Organisation.Kind.COMPANY), **kwargs)


class ZoneForm(BootstrapFormMixin, forms.ModelForm):
    commune = CommuneField(
        label=_("Centre at a commune"),
        required=False,
        help_text=_("Or click the map to place the centre."),
    )

    class Meta:
        model = PilotZone
        fields = [
            "name_fr",
            "name_it",
            "description_fr",
            "description_it",
            "partner",
            "radius_km",
            "latitude",
            "longitude",
        ]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_it": forms.Textarea(attrs={"rows": 3}),
            "latitude": forms.NumberInput(attrs={"step": "any", "data-zone-lat": ""}),
            "longitude": forms.NumberInput(attrs={"step": "any", "data-zone-lon": ""}),
            "radius_km": forms.NumberInput(attrs={"step": "any", "min": "0.1", "data-zone-radius": ""}),
        }

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners_for(user)
        self.fields["partner"].empty_label = None
        for name in ("latitude", "longitude"):
            self.fields[name].required = False
        self.fields["name_fr"].required = self.fields["name_it"].required = False

    def clean(self) -> dict:
        data = super().clean()
        if data.get("commune") is None and (data.get("latitude") is None or data.get("longitude") is None):
            self.add_error("commune", _("Pick a commune, or click the map to place the centre of the zone."))
        radius = data.get("radius_km")
        if radius is not None and not 0 < radius <= MAX_RADIUS_KM:
            self.add_error(
                "radius_km", _("The radius must be more than 0 and at most %(max)d km.") % {"max": MAX_RADIUS_KM}
            )
        return data


class AddCompanyForm(BootstrapFormMixin, forms.Form):
    company = CompanyField(label=_("Add a company"))


class WorkshopForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "date", "place", "participants", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, zone: PilotZone, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = zone.companies.order_by("legal_name")
        self.fields["participants"].help_text = _("The zone's companies; add companies on the zone page first.")


class GridRowForm(BootstrapFormMixin, forms.Form):
    """One flow of the workshop grid."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Company"))
    # A blank first choice, so that rows left untouched count as empty and are ignored.
    direction = forms.ChoiceField(label=_("Direction"), choices=[("", "—"), *Flow.Direction.choices])
    nature = forms.ChoiceField(label=_("Nature"), choices=[("", "—"), *Flow.Nature.choices])
    category = forms.ModelChoiceField(
        queryset=MaterialCategory.objects.none(), label=_("Category"), required=False, empty_label=_("(from the code)")
    )
    ewc = forms.CharField(label=_("EWC code"), required=False, max_length=12, widget=forms.TextInput(attrs={"size": 9}))
    title = forms.CharField(label=_("Title"), max_length=150)
    quantity = forms.DecimalField(label=_("Quantity"), required=False, min_value=0, max_digits=14, decimal_places=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=[("", "—"), *Flow.Unit.choices], required=False)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=[("", "—"), *Flow.Frequency.choices], required=False)
    physical_state = forms.ChoiceField(label=_("Physical state"), choices=Flow.State.choices, initial="solid")

    def __init__(self, *args, workshop: Workshop, categories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = workshop.participants.order_by("legal_name")
        self.fields["category"].queryset = categories
        for field in self.fields.values():
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} form-control-sm".strip()

    def flow_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        language = (get_language() or "fr")[:2]
        data[f"title_{language if language in ('fr', 'it') else 'fr'}"] = data.pop("title")
        data["ewc"] = data["ewc"].strip()
        return data


class BaseGridFormSet(forms.BaseFormSet):
    def __init__(self, *args, workshop: Workshop, **kwargs) -> None:
        self.workshop = workshop
        self.categories = MaterialCategory.objects.select_related("parent").order_by("sort_order", "code")
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["workshop"] = self.workshop
        kwargs["categories"] = self.categories
        return kwargs


GridFormSet = forms.formset_factory(GridRowForm, formset=BaseGridFormSet, extra=1, max_num=200, absolute_max=200)


class MeetingForm(BootstrapFormMixin, forms.ModelForm):
    commune = CommuneField(label=_("Commune"))

    class Meta:
        model = AwarenessMeeting
        fields = [
            "title",
            "date",
            "commune",
            "place",
            "organiser",
            "pilot_zone",
            "attendance",
            "companies_attending",
            "notes",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Organisation.objects.filter(
            kind__in=[Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY]
        )
        self.fields["organiser"].label = _("Organiser (partner)")
