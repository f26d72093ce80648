"""Referents of a place: list, invite, remove; accept an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tierslieux.forms_places import InviteForm
from tierslieux.models import PlaceReferent, ReferentInvitation
from tierslieux.permissions import get_place
from tierslieux.services import referents as services


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


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = ReferentInvitation.objects.select_related("place").filter(token=token).first()
    error = None
    if request.method == "POST":
        try:
            referent = services.accept_invitation(token, user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("You are now a referent of %(place)s.") % {"place": referent.place.name})
            return redirect(referent.place)
    return render(request, "tierslieux/places/invitation.html", {"invitation": invitation, "error": error})
