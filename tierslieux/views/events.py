"""Event pages: upcoming and past events, detail, create/edit, .ics, registration, participants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from circuito.forms import add_service_errors
from circuito.translated import current_language, localized
from tierslieux import ics
from tierslieux.forms_events import EventFilterForm, EventForm, RegisterForm
from tierslieux.models import Event, Registration
from tierslieux.permissions import can_manage_event
from tierslieux.search import annotate_records, search_list
from tierslieux.services import events as services

PAGE_SIZE = 20
Status = Registration.Status


def get_event(slug: str, user, *, manage: bool = False) -> tuple[Event, bool]:
    """404 for unpublished events (except for their managers), 403 to manage without right."""
    event = Event.objects.select_related("place", "organiser", "commune__department").filter(slug=slug).first()
    if event is None:
        raise Http404
    managing = can_manage_event(user, event)
    if not event.published and not managing:
        raise Http404
    if manage and not managing:
        raise PermissionDenied
    return event, managing


def _listing(request: HttpRequest, *, past: bool) -> HttpResponse:
    now = timezone.now()
    form = EventFilterForm(request.GET or None)
    events = form.filter(Event.objects.filter(published=True))
    events = events.filter(ends_at__lt=now).order_by("-starts_at") if past else events.filter(ends_at__gte=now)
    events = search_list(form, events)
    events = events.select_related("place", "organiser", "commune").annotate(
        taken=Count("registrations", filter=Q(registrations__status=Status.REGISTERED))
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        event.title_t = localized(event, "title")
        event.seats_left = None if event.capacity is None else max(event.capacity - event.taken, 0)
    annotate_records(page.object_list, form.search_query)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "past": past,
        "query": query.urlencode(),
        "can_create": services.can_create_event(request.user),
    }
    return render(request, "tierslieux/events/list.html", context)


def event_list(request: HttpRequest) -> HttpResponse:
    return _listing(request, past=False)


def event_past(request: HttpRequest) -> HttpResponse:
    return _listing(request, past=True)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event, managing = get_event(slug, request.user)
    counts = dict(
        event.registrations.exclude(status=Status.CANCELLED).values_list("status").annotate(n=Count("pk")).order_by()
    )
    taken = counts.get(Status.REGISTERED, 0)
    mine = None
    if request.user.is_authenticated:
        mine = Registration.objects.filter(event=event, user=request.user).exclude(status=Status.CANCELLED).first()
    context = {
        "event": event,
        "managing": managing,
        "title": localized(event, "title"),
        "description": localized(event, "description"),
        "taken": taken,
        "seats_left": None if event.capacity is None else max(event.capacity - taken, 0),
        "waiting": counts.get(Status.WAITING, 0),
        "mine": mine,
        "position": services.waiting_position(mine) if mine else None,
        "open": event.published and event.registration_open and event.starts_at > timezone.now(),
        "register_form": RegisterForm(user=request.user) if request.user.is_authenticated else None,
    }
    return render(request, "tierslieux/events/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not services.can_create_event(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event has been created."))
            return redirect(event)
    return render(request, "tierslieux/events/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event, _managing = get_event(slug, request.user, manage=True)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(Event.objects.get(pk=event.pk), actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect(event)
    context = {"form": form, "event": event}
    return render(request, "tierslieux/events/form.html", context, status=400 if form.errors else 200)


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event, _managing = get_event(slug, request.user)
    commune = event.commune.name if event.commune and not event.place else ""
    where = ", ".join(p for p in (event.place.name if event.place else "", event.location, commune) if p)
    if event.online and not where:
        where = _("Online")
    text = ics.event_calendar(
        event, lang=current_language(), url=request.build_absolute_uri(event.get_absolute_url()), location=where
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@login_required
@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event, _managing = get_event(slug, request.user)
    form = RegisterForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of your companies, or register yourself."))
        return redirect(event)
    try:
        outcome = services.register(event, user=request.user, organisation=form.cleaned_data["organisation"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if outcome.registration.status == Status.WAITING:
            messages.warning(request, outcome.message)
        else:
            messages.success(request, outcome.message)
    return redirect(event)


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event, _managing = get_event(slug, request.user)
    registration = Registration.objects.filter(event=event, user=request.user).exclude(status=Status.CANCELLED).first()
    if registration is None:
        raise Http404
    try:
        services.cancel_registration(registration, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def event_participants(request: HttpRequest, slug: str) -> HttpResponse:
    """Managers only: who registered or waits, their contact details, attendance checkboxes."""
    event, _managing = get_event(slug, request.user, manage=True)
    if request.method == "POST":
        ids = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
        came = services.record_attendance(event, actor=request.user, attended_ids=ids)
        messages.success(request, _("Attendance saved: %(n)s participants came.") % {"n": came})
        return redirect("tierslieux:event_participants", event.slug)
    rows = (
        event.registrations.exclude(status=Status.CANCELLED)
        .select_related("user", "organisation")
        .order_by("status", "created_at", "pk")
    )
    context = {
        "event": event,
        "title": localized(event, "title"),
        "rows": rows,
        "started": event.starts_at <= timezone.now(),
    }
    return render(request, "tierslieux/events/participants.html", context)
