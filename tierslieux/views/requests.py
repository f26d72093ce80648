"""Service request pages: ask a place for a service, the thread with its status, my requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from circuito.accounts.models import Membership, Organisation
from circuito.forms import add_service_errors
from tierslieux.forms_requests import DeclineForm, MessageForm, RequestFilterForm, RequestForm
from tierslieux.models import ServiceRequest
from tierslieux.permissions import (
    get_place,
    get_request,
    is_staff_of_project,
    member_organisation_ids,
    referent_place_ids,
    visible_requests,
)
from tierslieux.services import requests as services
from tierslieux.unread import with_unread

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user).place
    organisations = list(
        Organisation.objects.filter(pk__in=member_organisation_ids(request.user)).order_by("legal_name")
    )
    initial = {}
    service_id = request.GET.get("service", "")
    if service_id.isdigit():
        initial["service"] = int(service_id)
    form = RequestForm(request.POST or None, place=place, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_request(
                actor=request.user,
                place=place,
                organisation=data["organisation"],
                service=data["service"],
                subject=data["subject"],
                message=data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your request has been sent. The place has been notified by e-mail."))
            return redirect(created)
    context = {"place": place, "form": form, "organisations": organisations}
    return render(request, "tierslieux/requests/create.html", context, status=400 if form.errors else 200)


def _company_ids(req: ServiceRequest) -> set[int]:
    """Users who write for the company: their messages are labelled with it, others with the place."""
    return set(
        Membership.objects.filter(organisation_id=req.organisation_id, status=Membership.Status.ACTIVE).values_list(
            "user_id", flat=True
        )
    )


def _detail(request: HttpRequest, req: ServiceRequest, *, status: int = 200, **forms_) -> HttpResponse:
    user = request.user
    services.mark_read(req, user=user)
    allowed = services.allowed_statuses(user, req)
    side = services.side_of(user, req)
    context = {
        "req": req,
        "side": side,
        "thread": req.messages.select_related("author"),
        "company_ids": _company_ids(req),
        "message_form": forms_.get("message_form") or MessageForm(),
        "decline_form": forms_.get("decline_form") or DeclineForm(),
        "status_buttons": [(s, ServiceRequest.Status(s).label) for s in allowed if s != ServiceRequest.Status.DECLINED],
        "can_decline": ServiceRequest.Status.DECLINED in allowed,
        "closed": req.status in (ServiceRequest.Status.DONE, ServiceRequest.Status.DECLINED),
    }
    return render(request, "tierslieux/requests/detail.html", context, status=status)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_request(pk, request.user))


@login_required
@require_http_methods(["GET", "POST"])
def request_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread as a fragment (GET) or a new message (POST; htmx gets the message back)."""
    req = get_request(pk, request.user)
    if request.method == "GET":
        services.mark_read(req, user=request.user)  # the thread is on screen again
        context = {"thread": req.messages.select_related("author"), "req": req, "company_ids": _company_ids(req)}
        return render(request, "tierslieux/requests/_thread.html", context)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            message = services.post_message(req, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            services.mark_read(req, user=request.user)  # answering means the thread was read
            if request.headers.get("HX-Request"):
                context = {"m": message, "req": req, "company_ids": _company_ids(req)}
                return render(request, "tierslieux/requests/_message.html", context)
            return redirect(reverse("tierslieux:request_detail", args=[pk]) + "#thread")
    if request.headers.get("HX-Request"):
        return render(request, "tierslieux/requests/_message_error.html", {"form": form}, status=422)
    return _detail(request, req, message_form=form, status=400)


@login_required
@require_POST
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_request(pk, request.user)
    to_status = request.POST.get("status", "")
    try:
        services.change_status(req, actor=request.user, to_status=to_status, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        if to_status == ServiceRequest.Status.DECLINED:
            form = DeclineForm(request.POST)
            form.is_valid()
            add_service_errors(form, exc)
            return _detail(request, req, decline_form=form, status=400)
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, _("The status of the request has been updated."))
    return redirect(reverse("tierslieux:request_detail", args=[pk]))


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    """Requests sent by my companies, or received by my places (partner staff: all of them)."""
    user = request.user
    places, orgs = referent_place_ids(user), member_organisation_ids(user)
    sides = []
    if orgs:
        sides.append(("sent", _("Sent by my companies")))
    if places:
        sides.append(("received", _("Received by my places")))
    if is_staff_of_project(user):
        sides.append(("all", _("All requests")))
    default = "received" if places else "sent" if orgs else "all"
    side = request.GET.get("side") if request.GET.get("side") in dict(sides) else default
    queryset = visible_requests(user)
    if side == "sent":
        queryset = queryset.filter(organisation_id__in=orgs)
    elif side == "received":
        queryset = queryset.filter(place_id__in=places)
    elif side != "all":
        queryset = queryset.none()
    form = RequestFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["status"]:
        queryset = queryset.filter(status=form.cleaned_data["status"])
    queryset = with_unread(queryset.select_related("place", "organisation", "service"), user)
    page = Paginator(queryset.order_by("-last_message_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    context = {"page": page, "form": form, "side": side, "sides": sides, "query": query}
    return render(request, "tierslieux/requests/list.html", context)
