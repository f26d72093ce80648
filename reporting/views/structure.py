"""Pages of the project structure: the workspace landing page, the structure overview with
progress, deliverable editing and evidence, and the Gantt chart."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reporting import gantt, periods, permissions
from reporting.forms_structure import DeliverableForm, EvidenceForm, IndicatorForm
from reporting.models import ActionItem, Indicator, Meeting
from reporting.progress import Calculator, standing, structure_queryset
from reporting.services import structure as services
from reporting.uploads import serve


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _submitted(form, request) -> dict:
    """The form's values, without the source when the request did not send one (it is kept)."""
    data = dict(form.cleaned_data)
    if "source" not in request.POST:
        data.pop("source", None)
    return data


@login_required
def index(request):
    """Where the project stands, for partner staff: progress by work package, upcoming meetings,
    open action items."""
    permissions.require_staff(request.user)
    current = standing()
    today = periods.today()
    upcoming = Meeting.objects.filter(date__gte=today).order_by("date")[:5]
    recent = Meeting.objects.filter(date__lt=today).order_by("-date")[:3]
    items = ActionItem.objects.filter(status=ActionItem.Status.OPEN).select_related(
        "meeting", "owner", "owner_organisation"
    )
    if not permissions.is_lead(request.user):
        items = items.filter(Q(owner=request.user) | Q(owner_organisation_id__in=permissions.partner_ids(request.user)))
    return render(
        request,
        "reporting/structure/index.html",
        {
            "progress": current.progress,
            "indicators": current.indicators,
            "upcoming": upcoming,
            "recent": recent,
            "action_items": items.order_by("due_date", "pk")[:20],
            "period": periods.current_period(),
            "month": periods.current_month(),
            "semesters": periods.semesters(),
            "is_lead": permissions.is_lead(request.user),
            "today": today,
        },
    )


@login_required
def overview(request):
    permissions.require_staff(request.user)
    current = standing()
    semesters = periods.semesters()
    return render(
        request,
        "reporting/structure/overview.html",
        {
            "progress": current.progress,
            "indicators": current.indicators,
            "month": current.month,
            "duration": semesters[-1].last_month if semesters else periods.DEFAULT_DURATION,
            "is_lead": permissions.is_lead(request.user),
        },
    )


@login_required
def gantt_chart(request):
    permissions.require_staff(request.user)
    return render(request, "reporting/structure/gantt.html", {"chart": gantt.chart(list(structure_queryset()))})


@login_required
def deliverable_detail(request, pk: int):
    deliverable = permissions.get_deliverable(pk, request.user)
    can_add = permissions.can_add_evidence(request.user, deliverable)
    form = EvidenceForm(user=request.user) if can_add else None
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        form = EvidenceForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_evidence(deliverable, **data, actor=request.user)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The evidence was recorded."))
                return redirect("reporting:deliverable_detail", pk=deliverable.pk)
    evidence = deliverable.evidence.select_related("partner", "created_by")
    editable = {
        e.pk
        for e in evidence
        if permissions.is_lead(request.user) or e.partner_id in permissions.partner_ids(request.user)
    }
    return render(
        request,
        "reporting/structure/deliverable_detail.html",
        {
            "deliverable": deliverable,
            "progress": Calculator().deliverable(deliverable),
            "evidence": evidence,
            "editable": editable,
            "form": form,
            "is_lead": permissions.is_lead(request.user),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def deliverable_edit(request, pk: int):
    deliverable = permissions.get_deliverable(pk, request.user, edit=True)
    initial = {
        "target_count": deliverable.target_count,
        "due_month": deliverable.due_month,
        "responsible": deliverable.responsible,
        "source": deliverable.source,
    }
    form = DeliverableForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_deliverable(deliverable, **_submitted(form, request), actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The deliverable was updated."))
            return redirect("reporting:overview")
    return render(
        request,
        "reporting/structure/deliverable_form.html",
        {"deliverable": deliverable, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def indicator_edit(request, pk: int):
    permissions.require_lead(request.user)
    indicator = get_object_or_404(Indicator, pk=pk)
    form = IndicatorForm(request.POST or None, initial={"target": indicator.target, "source": indicator.source})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_indicator(indicator, **_submitted(form, request), actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The indicator was updated."))
            return redirect("reporting:overview")
    return render(
        request,
        "reporting/structure/indicator_form.html",
        {"indicator": indicator, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def evidence_download(request, pk: int):
    evidence = permissions.get_evidence(pk, request.user)
    return serve(evidence.file, evidence.file_name or "evidence")


@login_required
@require_POST
def evidence_delete(request, pk: int):
    evidence = permissions.get_evidence(pk, request.user, edit=True)
    deliverable_id = evidence.deliverable_id
    services.delete_evidence(evidence, actor=request.user)
    messages.success(request, _("The evidence was deleted."))
    return redirect("reporting:deliverable_detail", pk=deliverable_id)
