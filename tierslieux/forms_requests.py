"""Forms of service requests and of innovation demand and offer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from circuito.accounts.models import Organisation
from circuito.forms import BootstrapFormMixin
from tierslieux.models import InnovationNeed, Place, Sector, Service, ServiceKind, ServiceRequest
from tierslieux.search import SearchField
from tierslieux.services.innovation import MAX_ANSWER_LENGTH
from tierslieux.services.requests import MAX_MESSAGE_LENGTH


class RequestForm(BootstrapFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Your company"), queryset=Organisation.objects.none())
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none(), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what you need, when, and how to reach you. Write in French or Italian."),
    )

    def __init__(self, *args, place: Place, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["service"].queryset = place.services.select_related("kind")
        self.fields["service"].empty_label = _("Another service / not sure")


class MessageForm(BootstrapFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=MAX_MESSAGE_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeclineForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=MAX_MESSAGE_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequestFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *ServiceRequest.Status.choices])


class NeedForm(BootstrapFormMixin, forms.Form):
    author = forms.ChoiceField(label=_("Post as"))
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_it = forms.CharField(label=_("Title (Italian)"), max_length=200, required=False)
    description_fr = forms.CharField(
        label=_("Description (French)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_it = forms.CharField(
        label=_("Description (Italian)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    service_kinds = forms.ModelMultipleChoiceField(
        label=_("Services sought or offered"),
        queryset=ServiceKind.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    deadline = forms.DateField(
        label=_("Deadline (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organisations, places, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(f"org:{o.pk}", _("%(name)s (company need)") % {"name": o.legal_name}) for o in organisations]
        choices += [(f"place:{p.pk}", _("%(name)s (call or offer of the place)") % {"name": p.name}) for p in places]
        self.fields["author"].choices = choices
        self._orgs = {o.pk: o for o in organisations}
        self._places = {p.pk: p for p in places}

    def author_objects(self) -> tuple:
        kind, _sep, pk = self.cleaned_data["author"].partition(":")
        if kind == "org":
            return self._orgs[int(pk)], None
        return None, self._places[int(pk)]


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer_as = forms.ChoiceField(label=_("Answer as"))
    body = forms.CharField(
        label=_("Your answer"), max_length=MAX_ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer_as"].choices = choices
        if len(choices) == 1:
            self.fields["answer_as"].initial = choices[0][0]
            self.fields["answer_as"].widget = forms.HiddenInput()


class InnovationFilterForm(BootstrapFormMixin, forms.Form):
    q = SearchField()
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *InnovationNeed.Kind.choices])
    service_kind = forms.ModelChoiceField(label=_("Service"), required=False, queryset=ServiceKind.objects.all())
    sector = forms.ModelChoiceField(label=_("Sector"), required=False, queryset=Sector.objects.all())
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", "—"), ("FR", _("France")), ("IT", _("Italy"))]
    )
