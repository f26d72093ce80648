from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from circuito.accounts.identifiers import clean_identifiers
from circuito.accounts.models import Language, Membership, Organisation, User
from circuito.accounts.services import duplicate_error, find_duplicate
from circuito.forms import BootstrapFormMixin
from circuito.geo.forms import CommuneField
from circuito.nace.forms import NaceField

USER_KINDS = [
    (k, label)
    for k, label in Organisation.Kind.choices
    if k not in (Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)
]


class SignupExtraForm(BootstrapFormMixin, forms.Form):
    """Extra sign-up fields (allauth ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        # Whoever signs up on the Italian pages gets Italian e-mails, and vice versa.
        user.preferred_language = (get_language() or settings.LANGUAGE_CODE)[:2]
        user.save(update_fields=["first_name", "last_name", "preferred_language"])


class ProfileForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language", "receive_digests"]


class OrganisationForm(BootstrapFormMixin, forms.ModelForm):
    commune = CommuneField(label=_("Commune"), required=True, forward={"country": "country"})
    nace = NaceField(label=_("Main activity (NACE)"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "legal_name",
            "country",
            "siret",
            "siren",
            "codice_fiscale",
            "partita_iva",
            "nace",
            "address",
            "postcode",
            "commune",
            "website",
            "email",
            "phone",
            "languages",
            "description_fr",
            "description_it",
        ]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 4, "lang": "fr"}),
            "description_it": forms.Textarea(attrs={"rows": 4, "lang": "it"}),
        }
        labels = {
            "description_fr": _("Description in French"),
            "description_it": _("Description in Italian"),
        }

    class Media:
        js = ["js/organisation-form.js"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The identifiers of one country only show when that country is chosen (static JS).
        for name in ("siret", "siren"):
            self.fields[name].widget.attrs["data-country"] = "FR"
        for name in ("codice_fiscale", "partita_iva"):
            self.fields[name].widget.attrs["data-country"] = "IT"
        instance_kind = self.instance.kind if self.instance and self.instance.pk else None
        if instance_kind in (Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY):
            self.fields["kind"].disabled = True
        else:
            self.fields["kind"].choices = USER_KINDS

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            clean_identifiers(data)
        except forms.ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(field, messages)
            return data
        duplicate = find_duplicate(data, exclude_pk=self.instance.pk)
        if duplicate:
            for field, messages in duplicate_error(*duplicate).message_dict.items():
                self.add_error(field, messages)
        return data


class JoinForm(BootstrapFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the administrators (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say who you are and your role, so they can recognise you."),
    )


class MembershipRoleForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    is_facilitator = forms.BooleanField(label=_("Flux exchange facilitator"), required=False)


class DeleteAccountForm(BootstrapFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Type your password to confirm that you want to delete your account for good."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password. Type it again."))
        return password


class DirectoryFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("Both countries")), ("FR", _("France")), ("IT", _("Italy"))]
    )
