"""Pages of equipment booking: a machine's week calendar with the booking form, the person's own
bookings, a booking's page, the referents' management and settings, and the public busy feeds."""

from datetime import UTC, date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from circuito.accounts.models import Organisation
from tierslieux import booking_calendar, slots
from tierslieux.forms_booking import (
    AvailabilityFormSet,
    BookingForm,
    ClosureForm,
    DecisionForm,
    RulesForm,
    TrainingForm,
)
from tierslieux.ics_booking import busy_feed
from tierslieux.models import Booking, BookingRules, EquipmentClosure, Training
from tierslieux.permissions import get_place, member_organisation_ids
from tierslieux.permissions_booking import (
    booking_refusal,
    can_manage_equipment,
    can_manage_place_bookings,
    get_booking,
    get_equipment,
)
from tierslieux.services import booking as services

FEED_DAYS_BACK = 30


def _monday(request: HttpRequest, equipment) -> date:
    today = timezone.now().astimezone(booking_calendar.zone_of(equipment)).date()
    try:
        chosen = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        chosen = today
    # Two years either way is plenty; beyond, the calendar is pointless and the date arithmetic absurd.
    if abs((chosen - today).days) > 730:
        chosen = today
    return booking_calendar.monday_of(chosen)


def _grid(week: booking_calendar.Week, zone) -> list[tuple[str, list[slots.Slot | None]]]:
    """Rows of the week table: one per local start time, one cell per day (None: no slot)."""
    cells: dict[str, dict[date, slots.Slot]] = {}
    for day, day_slots in week.days:
        for slot in day_slots:
            cells.setdefault(slot.starts_at.astimezone(zone).strftime("%H:%M"), {})[day] = slot
    return [(label, [cells[label].get(day) for day, _s in week.days]) for label in sorted(cells)]


def equipment_calendar(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    equipment = get_equipment(slug, pk, request.user)
    rules = booking_calendar.rules_of(equipment)
    zone = booking_calendar.zone_of(equipment)
    manager = can_manage_equipment(request.user, equipment)
    refusal = booking_refusal(request.user, equipment, rules)
    organisations = list(
        Organisation.objects.filter(pk__in=member_organisation_ids(request.user)).order_by("legal_name")
    )
    form = None
    if rules and rules.bookable:
        form = BookingForm(
            request.POST if request.method == "POST" else None,
            organisations=organisations,
            initial={"start": request.GET.get("start")},
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if form is not None and form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.request_booking(
                    equipment,
                    starts_at=data["start"],
                    slots=data["slots"],
                    note=data["note"],
                    organisation=data["organisation"],
                    actor=request.user,
                )
            except (ValidationError, PermissionDenied) as error:
                for text in getattr(error, "messages", None) or [str(error)]:
                    form.add_error(None, text)
            else:
                if booking.status == Booking.Status.CONFIRMED:
                    messages.success(
                        request, _("Your booking is confirmed: an e-mail with the calendar file is on its way.")
                    )
                else:
                    messages.success(request, _("Your request is sent: the referents will confirm it by e-mail."))
                return redirect("tierslieux:booking_detail", booking.pk)
    week = booking_calendar.week(equipment, rules, _monday(request, equipment)) if rules else None
    chosen = None
    if form is not None and form["start"].value():
        try:
            chosen = datetime.fromtimestamp(int(form["start"].value()), tz=UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            chosen = None
    context = {
        "equipment": equipment,
        "place": equipment.place,
        "rules": rules,
        "week": week,
        "grid": _grid(week, zone) if week else [],
        "form": form,
        "refusal": refusal,
        "manager": manager,
        "chosen": chosen,
        "chosen_text": booking_calendar.when_text(equipment, chosen, chosen + timedelta(minutes=rules.slot_minutes))
        if chosen and rules
        else "",
        "zone": zone,
        "trained": request.user.is_authenticated and equipment.trainings.filter(user=request.user).exists(),
    }
    return render(request, "tierslieux/booking/equipment.html", context)


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    bookings = (
        Booking.objects.filter(user=request.user)
        .select_related("equipment__place", "equipment__kind")
        .order_by("-starts_at")[:200]
    )
    return render(request, "tierslieux/booking/mine.html", {"bookings": bookings, "now": timezone.now()})


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking(pk, request.user)
    context = {
        "booking": booking,
        "equipment": booking.equipment,
        "place": booking.equipment.place,
        "when": booking_calendar.when_text(booking.equipment, booking.starts_at, booking.ends_at),
        "manager": can_manage_equipment(request.user, booking.equipment),
        "mine": booking.user_id == request.user.pk,
        "can_cancel": booking.is_live and booking.starts_at > timezone.now(),
        "decision_form": DecisionForm(),
    }
    return render(request, "tierslieux/booking/detail.html", context)


@login_required
@require_POST
def booking_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    booking = get_booking(pk, request.user)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect("tierslieux:booking_detail", booking.pk)
    answer = form.cleaned_data["answer"]
    actions = {
        "confirm": services.confirm_booking,
        "decline": services.decline_booking,
        "cancel": services.cancel_booking,
    }
    if action not in actions:
        raise Http404
    try:
        actions[action](booking, actor=request.user, answer=answer)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        done = {
            "confirm": _("The booking is confirmed: the person and the referents receive an e-mail."),
            "decline": _("The booking is declined: the person receives your reason by e-mail."),
            "cancel": _("The booking is cancelled."),
        }
        messages.success(request, done[action])
    if request.POST.get("back") == "place":
        return redirect("tierslieux:place_bookings", booking.equipment.place.slug)
    return redirect("tierslieux:booking_detail", booking.pk)


@login_required
def place_bookings(request: HttpRequest, slug: str) -> HttpResponse:
    """The referents' desk: requests to decide, upcoming bookings, and each machine's settings."""
    place = get_place(slug, request.user).place
    if not can_manage_place_bookings(request.user, place):
        raise PermissionDenied
    since = timezone.now() - timedelta(days=1)
    bookings = (
        Booking.objects.filter(equipment__place=place, ends_at__gte=since)
        .select_related("equipment__kind", "user", "organisation")
        .order_by("starts_at")[:300]
    )
    equipment = list(place.equipment.select_related("kind", "booking_rules"))
    context = {"place": place, "bookings": bookings, "equipment": equipment}
    return render(request, "tierslieux/booking/place.html", context)


@login_required
def equipment_settings(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Rules, weekly availability, closures and trainings of one machine (its place's referents)."""
    equipment = get_equipment(slug, pk, request.user)
    if not can_manage_equipment(request.user, equipment):
        raise PermissionDenied
    rules = booking_calendar.rules_of(equipment)
    part = request.POST.get("part") if request.method == "POST" else None
    # The form works on its own copy: the service compares the saved rules with the new values.
    copy = BookingRules.objects.get(pk=rules.pk) if rules else None
    rules_form = RulesForm(request.POST if part == "rules" else None, instance=copy)
    initial = [{"weekday": a.weekday, "opens": a.opens, "closes": a.closes} for a in equipment.availability.all()]
    availability = AvailabilityFormSet(request.POST if part == "availability" else None, initial=initial, prefix="av")
    closure_form = ClosureForm(request.POST if part == "closure" else None, prefix="closure")
    training_form = TrainingForm(request.POST if part == "training" else None, prefix="training")
    saved = None
    try:
        if part == "rules" and rules_form.is_valid():
            data = {name: rules_form.cleaned_data[name] for name in rules_form.Meta.fields}
            services.save_booking_rules(equipment, data, actor=request.user)
            saved = _("The booking rules are saved.")
        elif part == "availability" and availability.is_valid():
            services.save_availability(equipment, availability.periods(), actor=request.user)
            saved = _("The availability calendar is saved.")
        elif part == "closure" and closure_form.is_valid():
            data = closure_form.cleaned_data
            services.add_closure(equipment, data["starts_on"], data["ends_on"], data["reason"], actor=request.user)
            saved = _("The closure is added.")
        elif part == "training" and training_form.is_valid():
            data = training_form.cleaned_data
            services.record_training(equipment, data["email"], data["trained_on"], actor=request.user)
            saved = _("The training is recorded.")
        elif part == "delete-closure":
            closure = get_object_or_404(EquipmentClosure, pk=request.POST.get("id"), equipment=equipment)
            services.delete_closure(closure, actor=request.user)
            saved = _("The closure is removed.")
        elif part == "delete-training":
            training = get_object_or_404(Training, pk=request.POST.get("id"), equipment=equipment)
            services.remove_training(training, actor=request.user)
            saved = _("The training is removed.")
    except ValidationError as error:
        target = {"rules": rules_form, "closure": closure_form, "training": training_form}.get(part)
        for text in error.messages:
            if target is not None:
                target.add_error(None, text)
            else:
                messages.error(request, text)
    if saved:
        messages.success(request, saved)
        return redirect("tierslieux:equipment_settings", slug, pk)
    context = {
        "equipment": equipment,
        "place": equipment.place,
        "rules_form": rules_form,
        "availability": availability,
        "closure_form": closure_form,
        "training_form": training_form,
        "closures": list(equipment.closures.filter(ends_on__gte=timezone.localdate())),
        "trainings": list(equipment.trainings.select_related("user")),
    }
    return render(request, "tierslieux/booking/settings.html", context)


def _feed_response(bookings, name: str) -> HttpResponse:
    response = HttpResponse(busy_feed(bookings, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="bookings.ics"'
    return response


def _feed_bookings():
    return Booking.objects.filter(
        status__in=Booking.LIVE, ends_at__gte=timezone.now() - timedelta(days=FEED_DAYS_BACK)
    ).select_related("equipment")


def place_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Busy times of every machine of a place (public: no names)."""
    place = get_place(slug, request.user).place
    bookings = _feed_bookings().filter(equipment__place=place).order_by("starts_at")
    return _feed_response(bookings, _("%(place)s: equipment bookings") % {"place": place.name})


def equipment_feed(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    equipment = get_equipment(slug, pk, request.user)
    bookings = _feed_bookings().filter(equipment=equipment).order_by("starts_at")
    return _feed_response(
        bookings, _("%(equipment)s at %(place)s") % {"equipment": equipment.name, "place": equipment.place.name}
    )
