"""Pages of the reports: the list with the generation form, a report's progress and its
downloads. Lead partner staff only (403 for everyone else, login page for visitors)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from reporting.forms_reports import ReportForm
from reporting.models import Report
from reporting.permissions_reports import get_report, visible_reports
from reporting.services import reports as services
from reporting.uploads import serve
from reporting.views.structure import _form_errors

PAGE_SIZE = 20
FORMATS = {"pdf": "pdf", "xlsx": "xlsx"}


def _list(request, form: ReportForm, status: int = 200):
    reports = visible_reports(request.user).order_by("-created_at", "-pk")
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    for report in page.object_list:
        report.shown_status = services.effective_status(report)
    return render(request, "reporting/reports/list.html", {"page": page, "form": form}, status=status)


@require_safe
@login_required
def report_list(request):
    return _list(request, ReportForm())


@require_http_methods(["GET", "POST"])
@login_required
def report_create(request):
    visible_reports(request.user)  # 403 before looking at the form
    if request.method == "GET":  # a reload or a bookmark of the form's address: the form is on the list
        return redirect("reporting:report_list")
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            report = services.request_report(
                form.cleaned_data["kind"], form.period_index(), form.cleaned_data["language"], actor=request.user
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return redirect("reporting:report_detail", pk=report.pk)
    return _list(request, form, status=400)


def _context(report: Report) -> dict:
    status = services.effective_status(report)
    return {
        "report": report,
        "job": report.job,
        "status": status,
        "finished": status in (Report.Status.READY, Report.Status.FAILED),
    }


@require_safe
@login_required
@never_cache
def report_detail(request, pk: int):
    report = get_report(pk, request.user)
    return render(request, "reporting/reports/detail.html", _context(report))


@require_safe
@login_required
@never_cache
def report_progress(request, pk: int):
    """The status block of the detail page; it polls itself until the report is ready."""
    report = get_report(pk, request.user)
    return render(request, "reporting/reports/_progress.html", _context(report))


@require_safe
@login_required
def report_download(request, pk: int, fmt: str):
    report = get_report(pk, request.user)
    if fmt not in FORMATS or report.status != Report.Status.READY:
        raise Http404
    services.ensure_files(report)
    return serve(getattr(report, fmt), services.file_name(report, fmt))
