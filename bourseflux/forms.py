"""Forms of the flux exchange: a flow (offer or need) with its files, and a site."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from bourseflux.fields import CategoryField, EwcField
from bourseflux.models import Flow, Site
from bourseflux.services.flows import OPERATIONS, validate_flow_data
from circuito.accounts.models import Organisation
from circuito.forms import BootstrapFormMixin
from circuito.geo.forms import CommuneField
from circuito.nace.forms import NaceField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _blank(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class FlowForm(BootstrapFormMixin, forms.Form):
    """What a company gives off or needs. The fields shown follow the nature (static JS,
    bourseflux-flows.js); the rules are checked on the server by `validate_flow_data`."""

    direction = forms.ChoiceField(label=_("Direction"), choices=Flow.Direction.choices, widget=forms.RadioSelect)
    nature = forms.ChoiceField(label=_("Nature"), choices=_blank(Flow.Nature.choices))
    title_fr = forms.CharField(label=_("Title in French"), max_length=150, required=False)
    title_it = forms.CharField(label=_("Title in Italian"), max_length=150, required=False)
    description_fr = forms.CharField(
        label=_("Description in French"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_it = forms.CharField(
        label=_("Description in Italian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    category = CategoryField(label=_("Category"), required=False)
    ewc = EwcField(
        label=_("EWC code (European List of Waste)"),
        required=False,
        help_text=_("Required for waste. Hazardous codes are marked with *."),
    )
    recovery_operation = forms.ChoiceField(
        label=_("Recovery or disposal operation"),
        required=False,
        choices=_blank([(op, op) for op in OPERATIONS]),
        help_text=_("R1–R13 (recovery) or D1–D15 (disposal), if you know it."),
    )
    nace = NaceField(
        label=_("Producing activity (NACE / NAF / ATECO)"),
        required=False,
        help_text=_("By-products are described by the activity that produces them, as in the chambers' list."),
    )
    commercial_name = forms.CharField(label=_("Commercial name"), max_length=150, required=False)
    physical_state = forms.ChoiceField(label=_("Physical state"), choices=_blank(Flow.State.choices), required=False)
    quantity = forms.DecimalField(label=_("Quantity"), required=False, max_digits=14, decimal_places=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=_blank(Flow.Unit.choices), required=False)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=_blank(Flow.Frequency.choices), required=False)
    months = forms.TypedMultipleChoiceField(
        label=_("Months of availability"),
        choices=[(str(n), name) for n, name in MONTHS.items()],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means all year."),
    )
    packaging = forms.CharField(label=_("Packaging"), max_length=150, required=False)
    logistics = forms.CharField(
        label=_("Logistics"),
        max_length=250,
        required=False,
        help_text=_("Collection or delivery, loading equipment, opening hours…"),
    )
    price_kind = forms.ChoiceField(label=_("Price"), choices=Flow.Price.choices, initial=Flow.Price.UNSAID)
    price_eur = forms.DecimalField(label=_("Price (€)"), required=False, max_digits=12, decimal_places=2)
    price_unit = forms.ChoiceField(label=_("Price per"), choices=_blank(Flow.Unit.choices), required=False)
    quantity_visibility = forms.ChoiceField(
        label=_("Who sees quantities and prices"),
        choices=Flow.Visibility.choices,
        initial=Flow.Visibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=_(
            "The flow itself (title, category, commune) is public once published. Quantities and prices are "
            "shown only to the people you choose; your company and the facilitators always see them. "
            "Public maps place your site at its commune unless you choose its exact location."
        ),
    )
    hide_company = forms.BooleanField(
        label=_("List this flow anonymously"),
        required=False,
        help_text=Flow._meta.get_field("hide_company").help_text,
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("After this date the flow leaves the lists and the map."),
    )
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, 5 MB each at most. Visible to whoever sees the flow."),
    )
    documents = MultipleFileField(
        label=_("Documents"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("PDF, 10 MB each at most (analysis, technical sheet). Visible to whoever sees the flow."),
    )

    # Fields shown only for some natures: read by bourseflux-flows.js through data attributes.
    SHOWN_FOR = {
        "ewc": "waste material",
        "recovery_operation": "waste",
        "nace": "by_product",
        "commercial_name": "by_product material",
    }

    def __init__(self, *args: Any, organisation: Organisation, flow: Flow | None = None, **kwargs: Any) -> None:
        if flow is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from_flow(flow)
        super().__init__(*args, **kwargs)
        self.organisation, self.flow = organisation, flow
        sites = Site.objects.filter(organisation=organisation).select_related("commune__department")
        self.fields["site"].queryset = sites
        if sites.exists():
            self.fields["site"].empty_label = None
        elif organisation.commune_id:
            self.fields["site"].empty_label = _("Main site, at %(commune)s") % {"commune": organisation.commune.name}
        if flow is None and organisation.nace_id and not self.is_bound:
            self.initial.setdefault("nace", organisation.nace_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:  # field-level errors first: the service would only repeat them
            return data
        try:
            self.validated = validate_flow_data(data, organisation=self.organisation, flow=self.flow)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data

    def nature_fieldset(self) -> list[tuple[forms.BoundField, str]]:
        return [(self[name], shown) for name, shown in self.SHOWN_FOR.items()]


def initial_from_flow(flow: Flow) -> dict[str, Any]:
    initial = {
        name: getattr(flow, name)
        for name in (
            "direction",
            "nature",
            "title_fr",
            "title_it",
            "description_fr",
            "description_it",
            "commercial_name",
            "physical_state",
            "quantity",
            "unit",
            "frequency",
            "packaging",
            "logistics",
            "price_kind",
            "price_eur",
            "price_unit",
            "quantity_visibility",
            "hide_company",
            "recovery_operation",
            "expires_on",
        )
    }
    initial.update(
        category=flow.category_id,
        ewc=flow.ewc_id,
        nace=flow.nace_id,
        site=flow.site_id,
        months=[str(m) for m in flow.months] if flow.season_mask != 4095 else [],
    )
    return initial


class SiteForm(BootstrapFormMixin, forms.ModelForm):
    # Left empty, the commune is read from the address (postcode and commune, circuito.geo.address).
    commune = CommuneField(
        label=_("Commune"),
        required=False,
        help_text=_(
            "Pick it from the list, or leave it empty: it is then found from the postcode and commune of the address."
        ),
    )
    # Filled by clicking the map (static/js/site-position.js) or typed; empty = at the commune.
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "data-site-lat": ""}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "data-site-lon": ""}),
        help_text=_("Click the map to place the site; left empty, the site is placed at its commune."),
    )

    class Meta:
        model = Site
        fields = ["name", "address", "commune", "latitude", "longitude", "exact_location_public"]
        help_texts = {"address": _("Street, postcode and commune, e.g. “12 rue des Alpes, 73000 Chambéry”.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not self.errors:
            raise ValidationError(
                _("Give both the latitude and the longitude, or neither (the site is then placed at its commune).")
            )
        return data

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the default name in the reader's language, not its creator's
            self.initial["name"] = self.instance.display_name
