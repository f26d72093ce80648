"""Referents of a place: list, invite, remove; accept an invitation."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from circuito.accounts.models import User
from tierslieux.forms_places import InvitationSignupForm, InviteForm
from tierslieux.models import PlaceReferent, ReferentInvitation
from tierslieux.permissions import get_place
from tierslieux.services import referents as services

LOGIN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


@login_required
def referents(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_referent(place, form.cleaned_data["email"], actor=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("The invitation is sent; the link is valid for 14 days."))
            return redirect("tierslieux:place_referents", place.slug)
    context = {
        "place": place,
        "form": form,
        "referents": place.referents.select_related("user"),
        "invitations": place.invitations.filter(accepted_at__isnull=True),
    }
    return render(request, "tierslieux/places/referents.html", context)


@login_required
@require_POST
def referent_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    services.remove_referent(get_object_or_404(PlaceReferent, pk=pk, place=place), actor=request.user)
    return redirect("tierslieux:place_referents", place.slug)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Logged in: accept with this account. Anonymous without an account for the invited address:
    create it here and accept in one step, then land logged in. Anonymous with an account: log in."""
    invitation = ReferentInvitation.objects.select_related("place").filter(token=token).first()
    error = services.invitation_problem(invitation)
    has_account = invitation is not None and User.objects.filter(email__iexact=invitation.email).exists()
    signup = None
    if error is None and not request.user.is_authenticated and not has_account:
        signup = InvitationSignupForm(
            request.POST or None, email=invitation.email, initial={"language": get_language()[:2]}
        )
    if request.method == "POST" and error is None:
        try:
            if request.user.is_authenticated:
                referent = services.accept_invitation(token, user=request.user)
            elif signup is not None and signup.is_valid():
                data = signup.cleaned_data
                referent = services.accept_invitation_with_signup(
                    token,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                    language=data["language"],
                )
                login(request, referent.user, backend=LOGIN_BACKEND)
            else:
                referent = None
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            if referent is not None:
                messages.success(request, _("You are now a referent of %(place)s.") % {"place": referent.place.name})
                return redirect(referent.place)
    context = {"invitation": invitation, "error": error, "signup": signup, "has_account": has_account}
    return render(request, "tierslieux/places/invitation.html", context)
