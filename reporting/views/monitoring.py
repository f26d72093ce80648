"""Pages of the partners' monitoring forms: the partners × periods matrix (who submitted, who
has a draft, who has nothing), and the form of a partner for a period (filled by its staff,
read by the lead partner once submitted, reopened by the lead partner)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reporting import periods, permissions
from reporting import permissions_expenditure as access
from reporting.forms_monitoring import MonitoringForm
from reporting.models import MonitoringReport
from reporting.services import monitoring as services


@login_required
def matrix(request):
    partners = access.visible_partners(request.user)
    lead = permissions.is_lead(request.user)
    rows = services.matrix(None if lead else set(partners.values_list("pk", flat=True)))
    today = periods.today()
    missing = [
        (row.partner, cell.period)
        for row in rows
        for cell in row.cells
        if cell.period.end < today and cell.status != "submitted"
    ]
    return render(
        request,
        "reporting/monitoring/matrix.html",
        {
            "rows": rows,
            "semesters": periods.semesters(),
            "is_lead": lead,
            "own": permissions.partner_ids(request.user),
            "missing": missing,
        },
    )


@login_required
def report_form(request, code: str, period: int):
    partner, own = access.get_partner(code, request.user)
    if request.method == "POST" and not own:
        raise PermissionDenied
    semester = periods.semester(period)
    if semester is None:
        raise Http404
    report = access.visible_reports(request.user).filter(partner=partner, period=period).first()
    if not own and report is None:
        # Lead partner staff read submitted forms only; a draft stays with its partner.
        return render(
            request,
            "reporting/monitoring/form.html",
            {"partner": partner, "semester": semester, "not_submitted": True, "own": False},
        )
    if semester.start > periods.today():
        return render(
            request,
            "reporting/monitoring/form.html",
            {"partner": partner, "semester": semester, "not_started": True, "own": own},
            status=400 if request.method == "POST" else 200,
        )
    read_only = not own or (report is not None and report.status == MonitoringReport.Status.SUBMITTED)
    entries = {e.work_package_id: e for e in report.entries.all()} if report else {}
    work_packages = services.work_packages_for(partner, semester)
    form = MonitoringForm(
        request.POST if request.method == "POST" else None,
        work_packages=work_packages,
        entries=entries,
        read_only=read_only,
    )
    if request.method == "POST":
        if read_only:
            raise PermissionDenied
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services.save_monitoring(partner, period, entries=form.entries(), submit=submit, actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(
                    request, _("The monitoring form was submitted.") if submit else _("The draft was saved.")
                )
                return redirect("reporting:monitoring_form", code=code, period=period)
    return render(
        request,
        "reporting/monitoring/form.html",
        {
            "partner": partner,
            "semester": semester,
            "report": report,
            "form": form,
            "own": own,
            "read_only": read_only,
            "can_reopen": report is not None and services.may_reopen(request.user, report),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def reopen(request, code: str, period: int):
    partner, _own = access.get_partner(code, request.user)
    permissions.require_lead(request.user)
    report = MonitoringReport.objects.filter(partner=partner, period=period).first()
    if report is None:
        raise Http404
    try:
        services.reopen_monitoring(report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The form was reopened: %(partner)s can change it again.") % {"partner": code})
    return redirect("reporting:monitoring_form", code=code, period=period)
