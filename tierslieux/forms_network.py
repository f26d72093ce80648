"""Forms of the network area: news, collaborative projects, referent seminars, alerts, and the
filters of the news list. Validation that matters lives in the services; forms shape input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from circuito.accounts.models import Organisation
from circuito.forms import BootstrapFormMixin
from tierslieux.models import Place, PlaceKind
from tierslieux.search import SearchField
from tierslieux.services.alerts import alert_regions
from tierslieux.services.network import PARTNER_KINDS, referent_users

COUNTRIES = [("", _("Both countries")), ("FR", _("France")), ("IT", _("Italy"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewsFilterForm(BootstrapFormMixin, forms.Form):
    q = SearchField()
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES, required=False)
    kind = forms.ModelChoiceField(
        PlaceKind.objects.all(), label=_("Kind of place"), required=False, to_field_name="code"
    )

    def filter(self, queryset):
        """The filters other than `q` (applied by `search_list` once the list is ordered)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("country"):
            queryset = queryset.filter(place__country=data["country"])
        if data.get("kind"):
            queryset = queryset.filter(place__in=Place.objects.filter(kinds=data["kind"]).values("pk"))
        return queryset


class ProjectFilterForm(BootstrapFormMixin, forms.Form):
    q = SearchField()


class NewsForm(BootstrapFormMixin, forms.Form):
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_it = forms.CharField(label=_("Title (Italian)"), max_length=200, required=False)
    body_fr = forms.CharField(label=_("Text (French)"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    body_it = forms.CharField(label=_("Text (Italian)"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    publish = forms.BooleanField(
        label=_("Published"), required=False, help_text=_("Leave unticked to keep it as a draft.")
    )


class ProjectForm(BootstrapFormMixin, forms.Form):
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_it = forms.CharField(label=_("Title (Italian)"), max_length=200, required=False)
    description_fr = forms.CharField(
        label=_("Description (French)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    description_it = forms.CharField(
        label=_("Description (Italian)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    places = forms.ModelMultipleChoiceField(
        Place.objects.exclude(status=Place.Status.ARCHIVED).order_by("name"),
        label=_("Places taking part"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.order_by("legal_name"),
        label=_("Partner organisations"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    starts_on = forms.DateField(label=_("Start"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("End"), required=False, widget=DATE)
    published = forms.BooleanField(label=_("Published"), required=False)


class SeminarForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.ModelChoiceField(
        Place.objects.order_by("name"), label=_("Place"), required=False, help_text=_("Or write the location below.")
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    trainer = forms.CharField(label=_("Trainer"), max_length=200)
    organiser = forms.ModelChoiceField(
        Organisation.objects.filter(kind__in=PARTNER_KINDS).order_by("legal_name"), label=_("Organising partner")
    )
    attendees = forms.ModelMultipleChoiceField(
        referent_users(),
        label=_("Referents who attended"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AlertForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label=_("Your e-mail"), required=False)
    regions = forms.ModelMultipleChoiceField(
        alert_regions(),
        label=_("Regions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all regions."),
    )
    kinds = forms.ModelMultipleChoiceField(
        PlaceKind.objects.all(),
        label=_("Kinds of place"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all kinds."),
    )
    new_places = forms.BooleanField(label=_("New places"), required=False, initial=True)
    news = forms.BooleanField(label=_("News"), required=False, initial=True)
    events = forms.BooleanField(label=_("Events"), required=False, initial=True)

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            del self.fields["email"]
        else:
            self.fields["email"].required = True
