"""Pages of the steering committee: meetings, attendance, decisions, action items, bilingual
minutes with their approval, and the minutes as PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reporting import periods, permissions
from reporting.forms_committees import ActionItemForm, AttendanceForm, DecisionForm, MeetingForm, MinutesForm
from reporting.models import ActionItem, Decision
from reporting.services import committees as services
from reporting.views.structure import _form_errors

PAGE_SIZE = 20


@login_required
def meeting_list(request):
    meetings = permissions.visible_meetings(request.user).order_by("-date", "-pk")
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    start = periods.project_start()
    for meeting in page.object_list:
        meeting._project_start = start
    return render(
        request,
        "reporting/committees/list.html",
        {"page": page, "is_lead": permissions.is_lead(request.user)},
    )


@login_required
def meeting_detail(request, pk: int):
    meeting = permissions.get_meeting(pk, request.user)
    lead = permissions.is_lead(request.user)
    return render(
        request,
        "reporting/committees/detail.html",
        {
            "meeting": meeting,
            "is_lead": lead,
            "can_see_minutes": permissions.can_see_minutes(request.user, meeting),
            "attendance": services.attendance_summary(meeting),
            "decisions": meeting.decisions.all(),
            "action_items": meeting.action_items.select_related("owner", "owner_organisation"),
            "decision_form": DecisionForm() if lead else None,
            "action_form": ActionItemForm() if lead else None,
            "user_id": request.user.pk,
        },
    )


def _meeting_form(request, meeting=None):
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_meeting(meeting, **form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("reporting:meeting_detail", pk=saved.pk)
    return render(
        request,
        "reporting/committees/form.html",
        {"form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )


@login_required
def meeting_create(request):
    permissions.require_lead(request.user)
    return _meeting_form(request)


@login_required
def meeting_edit(request, pk: int):
    return _meeting_form(request, permissions.get_meeting(pk, request.user, edit=True))


@login_required
def meeting_attendance(request, pk: int):
    meeting = permissions.get_meeting(pk, request.user, edit=True)
    existing: dict[int, list] = {}
    for a in meeting.attendances.all():
        existing.setdefault(a.organisation_id, []).append(a)
    form = AttendanceForm(request.POST or None, expected=services.expected_organisations(), existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(meeting, form.rows(), actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The attendance was saved."))
            return redirect("reporting:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "reporting/committees/attendance.html",
        {"meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def decision_add(request, pk: int):
    meeting = permissions.get_meeting(pk, request.user, edit=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.add_decision(meeting, **form.cleaned_data, actor=request.user)
            messages.success(request, _("The decision was added."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("reporting:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def decision_delete(request, pk: int):
    decision = Decision.objects.filter(pk=pk).first()
    if decision is None:
        permissions.require_staff(request.user)
        raise Http404
    permissions.get_meeting(decision.meeting_id, request.user, edit=True)
    services.delete_decision(decision, actor=request.user)
    messages.success(request, _("The decision was removed."))
    return redirect("reporting:meeting_detail", pk=decision.meeting_id)


@login_required
@require_POST
def action_add(request, pk: int):
    meeting = permissions.get_meeting(pk, request.user, edit=True)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_action_item(meeting, **form.cleaned_data, actor=request.user)
            messages.success(request, _("The action item was added."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("The action item was not added: check the owner and the due date."))
    return redirect("reporting:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def action_status(request, pk: int):
    permissions.require_staff(request.user)
    item = ActionItem.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    if not services.can_close_action(request.user, item):
        raise PermissionDenied
    services.set_action_status(item, done=request.POST.get("done") == "1", actor=request.user)
    messages.success(request, _("The action item was updated."))
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("reporting:meeting_detail", pk=item.meeting_id)


@login_required
def minutes_edit(request, pk: int):
    meeting = permissions.get_meeting(pk, request.user, edit=True)
    initial = {"minutes_fr": meeting.minutes_fr or "", "minutes_it": meeting.minutes_it or ""}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        approve = "approve" in request.POST
        try:
            services.save_minutes(meeting, **form.cleaned_data, approve=approve, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, _("The minutes were saved and approved.") if approve else _("The minutes were saved.")
            )
            return redirect("reporting:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "reporting/committees/minutes_form.html",
        {"meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def minutes_approve(request, pk: int):
    meeting = permissions.get_meeting(pk, request.user, edit=True)
    try:
        services.approve_minutes(meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The minutes were approved."))
    return redirect("reporting:meeting_detail", pk=meeting.pk)


@login_required
def minutes_pdf(request, pk: int, language: str):
    meeting = permissions.get_meeting(pk, request.user)
    if language not in ("fr", "it") or not permissions.can_see_minutes(request.user, meeting):
        raise Http404
    from reporting.pdf_minutes import minutes_pdf as build

    response = HttpResponse(build(meeting, language), content_type="application/pdf")
    name = f"minutes-{meeting.kind}-{meeting.number}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
