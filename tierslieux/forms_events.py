"""Forms of events, registration and B2B matchmaking."""

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from circuito.accounts.models import Organisation
from circuito.forms import BootstrapFormMixin
from circuito.geo.forms import CommuneField
from circuito.geo.models import Territory
from tierslieux.models import Event, Place
from tierslieux.permissions import is_staff_of_project, member_organisation_ids, referent_place_ids
from tierslieux.search import SearchField
from tierslieux.services.b2b import MAX_TEXT


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(BootstrapFormMixin, forms.ModelForm):
    """Times are typed in Europe/Paris time (the portal's time zone)."""

    commune = CommuneField(
        label=_("Commune"),
        required=False,
        help_text=_("For an event away from the places of the directory: where it takes place."),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "topic",
            "title_fr",
            "title_it",
            "description_fr",
            "description_it",
            "organiser",
            "place",
            "starts_at",
            "ends_at",
            "online",
            "location",
            "commune",
            "capacity",
            "registration_open",
            "b2b_enabled",
            "published",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description_fr": forms.Textarea(attrs={"rows": 5}),
            "description_it": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"capacity": _("Leave empty for no limit. When full, people join a waiting list.")}
        # "published" alone reads as a date in some languages: say what the box does
        # and "place" and "location" are both "Lieu" in French: name them apart
        labels = {
            "published": _("Published: visible to everybody"),
            "place": _("At a Tiers-Lieu of the directory"),
            "location": _("Venue or address"),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisers = Organisation.objects.order_by("legal_name")
        places = Place.objects.filter(status=Place.Status.PUBLISHED)
        if not is_staff_of_project(user):
            mine = referent_place_ids(user)
            organisers = organisers.filter(
                Q(pk__in=member_organisation_ids(user)) | Q(places__pk__in=mine) | Q(pk=self.instance.organiser_id)
            ).distinct()
        self.fields["organiser"].queryset = organisers
        self.fields["place"].queryset = places.order_by("name")
        self.fields["title_fr"].required = False
        self.fields["title_it"].required = False
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class EventFilterForm(BootstrapFormMixin, forms.Form):
    q = SearchField()
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Event.Kind.choices], required=False)
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", _("All topics")), *Event.Topic.choices], required=False)
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", _("Both countries")), ("FR", _("France")), ("IT", _("Italy"))], required=False
    )
    online = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Online or on site")), ("yes", _("Online")), ("no", _("On site"))],
        required=False,
    )

    def filter(self, events):
        """The filters other than `q` (applied by `search_list` once the list is ordered)."""
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["topic"]:
            events = events.filter(topic=data["topic"])
        if data["country"]:  # where the place is; for an event without a place, where its commune is
            events = events.filter(
                Q(place__country=data["country"]) | Q(place__isnull=True, commune__country=data["country"])
            )
        if data["online"]:
            events = events.filter(online=data["online"] == "yes")
        return events


class ProfileSearchForm(BootstrapFormMixin, forms.Form):
    """Search of the B2B profiles of an event: who offers or looks for what."""

    q = SearchField()


class RegisterForm(BootstrapFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False, empty_label=_("Myself")
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=member_organisation_ids(user)
        ).order_by("legal_name")


class ProfileForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(label=_("Who we are"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    offers = forms.CharField(
        label=_("What we offer"), max_length=MAX_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    seeks = forms.CharField(
        label=_("What we look for"), max_length=MAX_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeetingRequestForm(BootstrapFormMixin, forms.Form):
    invitee = forms.IntegerField(widget=forms.HiddenInput())
    message = forms.CharField(
        label=_("Message"), max_length=MAX_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SlotGeneratorForm(BootstrapFormMixin, forms.Form):
    # type=date inputs only read ISO dates, whatever the page's language
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.TimeField(
        label=pgettext_lazy("time range", "From"),
        initial=dt.time(14, 0),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    end = forms.TimeField(
        label=pgettext_lazy("time range", "To"), initial=dt.time(16, 0), widget=forms.TimeInput(attrs={"type": "time"})
    )
    minutes = forms.IntegerField(label=_("Minutes per meeting"), initial=20, min_value=5, max_value=240)


class FeedFilterForm(forms.Form):
    """Which events a calendar feed holds: a country, a region or a department/province."""

    country = forms.ChoiceField(choices=[("", ""), ("FR", "FR"), ("IT", "IT")], required=False)
    region = forms.ModelChoiceField(Territory.objects.filter(level=Territory.Level.REGION), required=False)
    department = forms.ModelChoiceField(Territory.objects.filter(level=Territory.Level.DEPARTMENT), required=False)

    def filter(self, events):
        """Events at a place of the territory, or away from places in a commune of it."""
        data = self.cleaned_data
        if data.get("country"):
            c = data["country"]
            events = events.filter(Q(place__country=c) | Q(place__isnull=True, commune__country=c))
        if data.get("region"):
            r = data["region"]
            events = events.filter(Q(place__region=r) | Q(place__isnull=True, commune__department__parent=r))
        if data.get("department"):
            d = data["department"]
            events = events.filter(Q(place__department=d) | Q(place__isnull=True, commune__department=d))
        return events
