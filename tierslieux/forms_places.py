"""Forms of the places area: the directory's filters (and the query they build), the profile,
opening hours formset, services, equipment, photos and referent invitations."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.db.models import Prefetch, QuerySet
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from circuito.accounts.models import User
from circuito.forms import BootstrapFormMixin
from circuito.geo.distance import within_km
from circuito.geo.forms import CommuneField
from circuito.geo.models import Territory
from circuito.nace.models import NaceActivity
from circuito.search import Query
from circuito.translated import current_language
from tierslieux import hours
from tierslieux.models import Equipment, OpeningHours, Place, PlaceKind, Sector, Service, ServiceKind
from tierslieux.search import SearchField, parse_query, search_places

SPOKEN = [("fr", _("French")), ("it", _("Italian")), ("en", _("English")), ("de", _("German"))]
COUNTRIES = [("", _("Both countries")), ("FR", _("France")), ("IT", _("Italy"))]


def compact(form: forms.BaseForm) -> None:
    """Checkbox groups styled as Bootstrap checks; texts 4 rows high (French and Italian sit side
    by side, see the `field_rows` template filter)."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            field.widget.attrs["class"] = "form-check-input"
        elif isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = 4


class DirectoryForm(BootstrapFormMixin, forms.Form):
    q = SearchField(
        help_text=_("What you need, in French or Italian: e.g. laser cutting, funding, a desk in a coworking space.")
    )
    kind = forms.ModelChoiceField(
        PlaceKind.objects.all(), label=_("Kind of place"), required=False, to_field_name="code"
    )
    service = forms.ModelChoiceField(
        ServiceKind.objects.all(), label=_("Service"), required=False, to_field_name="code"
    )
    sector = forms.ModelChoiceField(Sector.objects.all(), label=_("Sector"), required=False, to_field_name="code")
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES, required=False)
    region = forms.ModelChoiceField(
        Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True), label=_("Region"), required=False
    )
    department = forms.ModelChoiceField(
        Territory.objects.filter(level=Territory.Level.DEPARTMENT, in_alcotra=True),
        label=_("Department / province"),
        required=False,
    )
    language = forms.ChoiceField(label=_("Language spoken"), choices=[("", "—"), *SPOKEN], required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    other_country = forms.BooleanField(label=_("Welcomes companies from the other country"), required=False)
    near = CommuneField(label=_("Near my commune"), required=False)
    km = forms.IntegerField(label=_("Within (km)"), min_value=1, max_value=500, required=False, initial=50)

    # The parsed `q` once `filter()` ran with one (for the reasons shown with each hit).
    search_query: Query | None = None

    def filter(self, queryset: QuerySet[Place]) -> QuerySet[Place]:
        """The places matching the valid filters (invalid ones are ignored, with their errors shown),
        best first when something was searched. A search that cannot be run (too long, too short,
        only common words) finds nothing: its error says why."""
        data: dict[str, Any] = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if not data and self.is_bound:
            data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        if "q" in self.errors:
            return queryset.none()
        if data.get("kind"):
            queryset = queryset.filter(
                pk__in=Place.kinds.through.objects.filter(placekind=data["kind"]).values("place_id")
            )
        if data.get("service"):
            queryset = queryset.filter(pk__in=Service.objects.filter(kind=data["service"]).values("place_id"))
        if data.get("sector"):
            queryset = queryset.filter(
                pk__in=Place.sectors.through.objects.filter(sector=data["sector"]).values("place_id")
            )
        if data.get("country"):
            queryset = queryset.filter(country=data["country"])
        if data.get("region"):
            queryset = queryset.filter(region=data["region"])
        if data.get("department"):
            queryset = queryset.filter(department=data["department"])
        if data.get("language"):
            # JSON list of codes: matching the quoted code works on SQLite and PostgreSQL alike.
            queryset = queryset.filter(languages__icontains=f'"{data["language"]}"')
        if data.get("open_now"):
            queryset = hours.open_now(queryset, timezone.now())
        if data.get("other_country"):
            queryset = queryset.filter(open_to_other_country=True)
        commune = data.get("near")
        if commune is not None and not isinstance(commune, str):
            queryset = within_km(queryset, commune.latitude, commune.longitude, data.get("km") or 50)
        if text := data.get("q"):
            # Last, so that the distance order of a search near a commune breaks rank ties.
            self.search_query = parse_query(text, current_language())
            queryset = search_places(self.search_query, current_language(), queryset=queryset)
        return queryset


def directory_queryset(queryset: QuerySet[Place]) -> QuerySet[Place]:
    """What a list of places shows, in a constant number of queries."""
    return queryset.select_related("commune", "department").prefetch_related(
        "kinds", Prefetch("services", queryset=Service.objects.select_related("kind")), "opening_hours"
    )


class SocialLinksField(forms.CharField):
    """Addresses of social network pages, one per line (stored as a list)."""

    widget = forms.Textarea

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        links, check = [], forms.URLField(assume_scheme="https")
        for line in (value or "").splitlines():
            if line.strip():
                try:
                    links.append(check.clean(line.strip()))
                except forms.ValidationError:
                    raise forms.ValidationError(
                        _("“%(line)s” is not a web address: write one full address per line, e.g. https://…"),
                        params={"line": line.strip()[:80]},
                    ) from None
        if len(links) > 10:
            raise forms.ValidationError(_("Give at most 10 addresses."))
        return links


class PlaceForm(BootstrapFormMixin, forms.ModelForm):
    commune = CommuneField(label=_("Commune"))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    social_links = SocialLinksField(
        label=_("Social networks"),
        required=False,
        help_text=_("One address per line (LinkedIn, Facebook, Instagram…)."),
    )
    nace_divisions = forms.ModelMultipleChoiceField(
        NaceActivity.objects.filter(level=NaceActivity.Level.DIVISION).order_by("code"),
        label=_("Economic activities served (NACE divisions)"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=SPOKEN, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Place
        fields = [
            "name",
            "kinds",
            "description_fr",
            "description_it",
            "address",
            "postcode",
            "commune",
            "siret",
            "email",
            "phone",
            "website",
            "social_links",
            "access_conditions_fr",
            "access_conditions_it",
            "prices_fr",
            "prices_it",
            "languages",
            "sectors",
            "nace_divisions",
            "wheelchair_accessible",
            "accessibility_fr",
            "accessibility_it",
            "open_to_other_country",
        ]
        widgets = {"kinds": forms.CheckboxSelectMultiple, "sectors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        compact(self)


class NewPlaceForm(PlaceForm):
    class Meta(PlaceForm.Meta):
        fields = ["slug", *PlaceForm.Meta.fields]


class HoursForm(BootstrapFormMixin, forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), choices=OpeningHours.Weekday.choices, coerce=int)
    opens = forms.TimeField(label=_("Opens"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    closes = forms.TimeField(label=_("Closes"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def has_changed(self) -> bool:
        # The day list always has a day selected, so a blank extra row would look "changed" and
        # fail on its missing times: a new row without any time is an unused row.
        typed = self.data.get(self.add_prefix("opens")) or self.data.get(self.add_prefix("closes"))
        if not self.initial and not typed:
            return False
        return super().has_changed()


class BaseHoursFormSet(forms.BaseFormSet):
    def periods(self) -> list[hours.Period]:
        return [
            (f.cleaned_data["weekday"], f.cleaned_data["opens"], f.cleaned_data["closes"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        hours.validate_periods(self.periods())


HoursFormSet = formset_factory(HoursForm, formset=BaseHoursFormSet, extra=3, can_delete=True)


class ServiceForm(BootstrapFormMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=SPOKEN, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Service
        fields = [
            "kind",
            "name_fr",
            "name_it",
            "description_fr",
            "description_it",
            "conditions_fr",
            "conditions_it",
            "price",
            "languages",
            "open_to_other_country",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        compact(self)


class EquipmentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["kind", "name", "model", "specs_fr", "specs_it", "booking_fr", "booking_it"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        compact(self)


class PhotoForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Photo (JPEG, PNG or WebP, up to 5 MB)"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class InviteForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail of the person to invite"))


class InvitationSignupForm(BootstrapFormMixin, forms.Form):
    """The account an invited referent creates while accepting (e-mail given by the invitation)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password (again)"), strip=False, widget=forms.PasswordInput)
    language = forms.ChoiceField(label=_("Language of your e-mails"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(label=_("I have read the legal notice and privacy notice and accept them."))

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ: type the same password twice."))
        elif first:
            probe = User(email=self.email, first_name=data.get("first_name", ""), last_name=data.get("last_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
