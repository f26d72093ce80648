"""Forms of the steering committee: meeting, attendance, decisions, action items, minutes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from circuito.accounts.models import Membership, Organisation, User
from circuito.forms import BootstrapFormMixin, widget_class
from reporting.models import Meeting

PARTNER_KINDS = (Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)


class MeetingForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "number", "date", "city", "agenda_fr", "agenda_it"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "agenda_fr": forms.Textarea(attrs={"rows": 5, "lang": "fr"}),
            "agenda_it": forms.Textarea(attrs={"rows": 5, "lang": "it"}),
        }
        labels = {"agenda_fr": _("Agenda (French)"), "agenda_it": _("Agenda (Italian)")}
        help_texts = {"number": _("Leave empty for the next number of this kind.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False


class AttendanceForm(BootstrapFormMixin, forms.Form):
    """One name field and one "present" box per expected seat (and one spare line) of each
    partner and implementing body; fields are named by organisation and seat."""

    def __init__(self, *args, expected, existing, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = []
        for org, seats in expected:
            people = existing.get(org.pk, [])
            names = []
            for seat in range(max(seats, len(people)) + 1):
                person = people[seat] if seat < len(people) else None
                name_field, present_field = f"name_{org.pk}_{seat}", f"present_{org.pk}_{seat}"
                self.fields[name_field] = forms.CharField(
                    label=_("Name"), required=False, max_length=200, initial=person.person_name if person else ""
                )
                self.fields[present_field] = forms.BooleanField(
                    label=_("Present"), required=False, initial=person.present if person else True
                )
                names.append((name_field, present_field))
            self.groups.append((org, seats, names))
        # The fields are made after the mixin styled the (then empty) form: style them here.
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", widget_class(field.widget))

    def rows(self) -> list[tuple[Organisation, str, bool]]:
        result = []
        for org, _seats, names in self.groups:
            for name_field, present_field in names:
                result.append((org, self.cleaned_data.get(name_field, ""), self.cleaned_data.get(present_field, False)))
        return result

    def bound_groups(self):
        return [(org, seats, [(self[n], self[p]) for n, p in names]) for org, seats, names in self.groups]


class DecisionForm(BootstrapFormMixin, forms.Form):
    text_fr = forms.CharField(
        label=_("Decision (French)"), required=False, widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"})
    )
    text_it = forms.CharField(
        label=_("Decision (Italian)"), required=False, widget=forms.Textarea(attrs={"rows": 2, "lang": "it"})
    )


class ActionItemForm(BootstrapFormMixin, forms.Form):
    text_fr = forms.CharField(
        label=_("Action (French)"), required=False, widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"})
    )
    text_it = forms.CharField(
        label=_("Action (Italian)"), required=False, widget=forms.Textarea(attrs={"rows": 2, "lang": "it"})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=Organisation.objects.filter(kind__in=PARTNER_KINDS).order_by("legal_name"),
        required=False,
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            User.objects.filter(
                memberships__status=Membership.Status.ACTIVE, memberships__organisation__kind__in=PARTNER_KINDS
            )
            .distinct()
            .order_by("email")
        )


class MinutesForm(BootstrapFormMixin, forms.Form):
    minutes_fr = forms.CharField(
        label=_("Minutes in French"), required=False, widget=forms.Textarea(attrs={"rows": 16, "lang": "fr"})
    )
    minutes_it = forms.CharField(
        label=_("Minutes in Italian"), required=False, widget=forms.Textarea(attrs={"rows": 16, "lang": "it"})
    )
