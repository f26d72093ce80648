"""Pages of participants: entry, consent (showing the text in the participant's language), withdrawal."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from circuito.forms import add_service_errors
from focusgroups import permissions
from focusgroups.forms_sessions import ParticipantForm, WithdrawForm
from focusgroups.models import ConsentText
from focusgroups.services import participants as services


@login_required
def participant_form(request: HttpRequest, session_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    if pk:
        participant, access = permissions.get_participant(pk, request.user, edit=True)
    else:
        participant, access = None, permissions.get_session(session_pk, request.user, edit=True)
    session = access.session
    form = ParticipantForm(
        request.POST or None,
        instance=participant,
        initial={"language": session.language, "country": session.organiser.country},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if participant is None:
                participant = services.add_participant(session, form.cleaned_data, actor=request.user)
            else:
                services.update_participant(participant, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Participant %(p)s was saved.") % {"p": participant.pseudonym})
            if "another" in request.POST:
                return redirect("focusgroups:participant_create", session_pk=session.pk)
            return redirect(f"{session.get_absolute_url()}#participants")
    return render(
        request,
        "focusgroups/sessions/participant_form.html",
        {"form": form, "session": session, "participant": participant},
    )


@require_POST
@login_required
def participant_delete(request: HttpRequest, pk: int) -> HttpResponse:
    participant, access = permissions.get_participant(pk, request.user, edit=True)
    try:
        services.remove_participant(participant, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The participant was removed."))
    return redirect(f"{access.session.get_absolute_url()}#participants")


@login_required
def participant_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the consent text to read to the participant; POST records that they agreed to it."""
    participant, access = permissions.get_participant(pk, request.user, edit=True)
    text = ConsentText.current(participant.language)
    if request.method == "POST":
        shown = ConsentText.objects.filter(pk=request.POST.get("consent_text")).first() or text
        try:
            services.record_consent(participant, actor=request.user, consent_text=shown)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Consent of %(p)s was recorded.") % {"p": participant.pseudonym})
            return redirect(f"{access.session.get_absolute_url()}#participants")
    return render(
        request,
        "focusgroups/sessions/consent.html",
        {"participant": participant, "session": access.session, "text": text},
    )


@require_POST
@login_required
def participant_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    participant, access = permissions.get_participant(pk, request.user)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the withdrawal."))
        return redirect(f"{access.session.get_absolute_url()}#participants")
    day = form.cleaned_data["withdrawn_on"]
    now = timezone.localtime()
    when = now if day == now.date() else timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    try:
        services.withdraw_participant(participant, actor=request.user, when=when)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(p)s withdrew: they are left out of exports and analyses from now on.") % {"p": participant.pseudonym},
        )
    return redirect(f"{access.session.get_absolute_url()}#participants")
