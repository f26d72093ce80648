"""B2B matchmaking pages: my profile, the participants directory with requests, the managers'
slots and schedule building, and each participant's printable schedule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from circuito.translated import localized
from tierslieux.forms_events import MeetingRequestForm, ProfileForm, ProfileSearchForm, SlotGeneratorForm
from tierslieux.models import B2BMeeting, B2BProfile, B2BRequest, B2BSlot, Event, Registration
from tierslieux.search import annotate_records, search_list
from tierslieux.services import b2b as services
from tierslieux.views.events import get_event


def _b2b_event(slug: str, user, *, manage: bool = False) -> tuple[Event, bool, Registration | None]:
    """The event with B2B meetings, whether the user manages it, and their registration.
    Neither a participant nor a manager: 403."""
    event, managing = get_event(slug, user, manage=manage)
    if not event.b2b_enabled:
        raise Http404
    mine = services.participant(event, user)
    if mine is None and not managing:
        raise PermissionDenied
    return event, managing, mine


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
def b2b_directory(request: HttpRequest, slug: str) -> HttpResponse:
    """Profiles of the participants (never their e-mails) and my requests."""
    event, managing, mine = _b2b_event(slug, request.user)
    profiles = (
        B2BProfile.objects.filter(registration__event=event, registration__status=Registration.Status.REGISTERED)
        .select_related("registration__user", "registration__organisation")
        .order_by("registration__organisation__legal_name", "registration__user__last_name", "pk")
    )
    search_form = ProfileSearchForm(request.GET or None)
    profiles = list(search_list(search_form, profiles))
    annotate_records(profiles, search_form.search_query)
    requests = B2BRequest.objects.none()
    asked: set[int] = set()
    if mine is not None:
        requests = (
            B2BRequest.objects.filter(event=event)
            .filter(Q(requester=mine) | Q(invitee=mine))
            .select_related("requester__user", "requester__organisation", "invitee__user", "invitee__organisation")
            .order_by("-created_at")
        )
        for r in requests:
            asked |= {r.requester_id, r.invitee_id}
    context = {
        "event": event,
        "title": localized(event, "title"),
        "managing": managing,
        "mine": mine,
        "has_profile": mine is not None and B2BProfile.objects.filter(registration=mine).exists(),
        "profiles": profiles,
        "search_form": search_form,
        "requests": requests,
        "asked": asked,
    }
    return render(request, "tierslieux/events/b2b_directory.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def b2b_profile(request: HttpRequest, slug: str) -> HttpResponse:
    event, _managing, mine = _b2b_event(slug, request.user)
    if mine is None:
        raise PermissionDenied
    profile = B2BProfile.objects.filter(registration=mine).first()
    initial = {"summary": profile.summary, "offers": profile.offers, "seeks": profile.seeks} if profile else None
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_profile(event, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Your B2B profile is published to the other participants."))
            return redirect("tierslieux:b2b_directory", event.slug)
    context = {"event": event, "title": localized(event, "title"), "form": form}
    return render(request, "tierslieux/events/b2b_profile.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def b2b_request(request: HttpRequest, slug: str) -> HttpResponse:
    event, _managing, mine = _b2b_event(slug, request.user)
    if mine is None:  # a manager who is not a participant
        raise PermissionDenied
    form = MeetingRequestForm(request.POST)
    if not form.is_valid():
        raise Http404
    invitee = get_object_or_404(
        Registration.objects.select_related("user", "organisation"), pk=form.cleaned_data["invitee"], event=event
    )
    try:
        services.request_meeting(event, requester=request.user, invitee=invitee, message=form.cleaned_data["message"])
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request, _("Your meeting request has been sent to %(name)s.") % {"name": services.display_name(invitee)}
        )
    return redirect("tierslieux:b2b_directory", event.slug)


@login_required
@require_POST
def b2b_answer(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = B2BRequest.objects.select_related("event", "invitee", "requester__user").filter(pk=pk).first()
    if meeting is None or meeting.invitee.user_id != request.user.pk:
        raise Http404
    try:
        services.answer_request(meeting, actor=request.user, accept=request.POST.get("accept") == "1")
    except ValidationError as exc:
        _error(request, exc)
    return redirect("tierslieux:b2b_directory", meeting.event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def b2b_slots(request: HttpRequest, slug: str) -> HttpResponse:
    """Managers: generate slots, build the schedule, place a meeting by hand."""
    event, _managing, _mine = _b2b_event(slug, request.user, manage=True)
    form = SlotGeneratorForm(request.POST or None, initial={"day": timezone.localdate(event.starts_at, services.PARIS)})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.generate_slots(event, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("%(n)s meeting slots added.") % {"n": len(created)})
            return redirect("tierslieux:b2b_slots", event.slug)
    slots = B2BSlot.objects.filter(event=event).annotate(seats_n=Count("seats")).order_by("starts_at")
    placed = B2BMeeting.objects.filter(slot__event=event).values("request_id")
    unplaced = (
        B2BRequest.objects.filter(event=event, status=B2BRequest.Status.ACCEPTED)
        .exclude(pk__in=placed)
        .select_related("requester__user", "requester__organisation", "invitee__user", "invitee__organisation")
        .order_by("created_at")
    )
    meetings = (
        B2BMeeting.objects.filter(slot__event=event)
        .select_related(
            "slot",
            "request__requester__user",
            "request__requester__organisation",
            "request__invitee__user",
            "request__invitee__organisation",
        )
        .order_by("slot__starts_at", "table", "pk")
    )
    seen, rows = set(), []
    for seat in meetings:  # two seats per meeting: show each meeting once
        if seat.request_id not in seen:
            seen.add(seat.request_id)
            rows.append(seat)
    context = {
        "event": event,
        "title": localized(event, "title"),
        "form": form,
        "slots": slots,
        "unplaced": unplaced,
        "meetings": rows,
    }
    return render(request, "tierslieux/events/b2b_slots.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def b2b_build(request: HttpRequest, slug: str) -> HttpResponse:
    event, _managing, _mine = _b2b_event(slug, request.user, manage=True)
    try:
        result = services.build_schedule(event, actor=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("%(n)s meetings placed in the schedule.") % {"n": len(result.placed)})
        if result.unplaced:
            names = "; ".join(
                f"{services.display_name(r.requester)} – {services.display_name(r.invitee)}" for r in result.unplaced
            )
            messages.warning(
                request,
                _("No free slot for these meetings: %(names)s. Add slots and build again.") % {"names": names},
            )
    return redirect("tierslieux:b2b_slots", event.slug)


@login_required
@require_POST
def b2b_book(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(B2BRequest.objects.select_related("event", "requester", "invitee"), pk=pk)
    _b2b_event(meeting.event.slug, request.user, manage=True)
    slot = get_object_or_404(B2BSlot, pk=request.POST.get("slot") or 0, event=meeting.event)
    try:
        services.book_slot(meeting, slot, actor=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The meeting has been placed."))
    return redirect("tierslieux:b2b_slots", meeting.event.slug)


@login_required
def b2b_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    """My meetings by time, with the other party and the table: printable."""
    event, _managing, mine = _b2b_event(slug, request.user)
    if mine is None:
        raise PermissionDenied
    context = {"event": event, "title": localized(event, "title"), "seats": services.schedule_of(mine), "mine": mine}
    return render(request, "tierslieux/events/b2b_schedule.html", context)
