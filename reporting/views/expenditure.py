"""Pages of expenditure: declared versus budget and burn rate (every partner for the lead
partner, one's own otherwise), a partner's lines for a period with the form to record one and
the declaration of the period, line editing, supporting documents, budgets and rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from circuito.charts import bars
from reporting import periods, permissions
from reporting import permissions_expenditure as access
from reporting.forms_expenditure import BudgetForm, ExpenditureLineForm
from reporting.models import ExpenditureLine
from reporting.selectors_expenditure import burn_against_time, partner_figures, period_status, time_elapsed
from reporting.services import expenditure as services
from reporting.uploads import serve
from reporting.views.structure import _form_errors

PAGE_SIZE = 50


def _percent(value: float | None) -> float:
    return round((value or 0.0) * 100, 1)


@login_required
def overview(request):
    """Declared versus budget per partner and category, burn rate against time elapsed, ERDF
    share, with charts."""
    partners = access.visible_partners(request.user)
    own = permissions.partner_ids(request.user)
    semesters = periods.semesters()
    # The current edition of the calendar only: an earlier edition's expenditure was its own.
    figures = partner_figures([p.pk for p in partners], drafts_of=own, from_period=semesters[0].index)
    elapsed = time_elapsed()
    burn = bars(
        [(f.partner.partner_code, _percent(f.burn_rate)) for f in figures],
        scale=100,
        targets={f.partner.partner_code: _percent(elapsed) for f in figures},
        suffix=" %",
    )
    # In thousands: the chart's labels are not grouped, "159 348 €" would read "159348 €".
    declared = bars([(f.partner.partner_code, round(float(f.declared) / 1000, 1)) for f in figures], suffix=" k€")
    rows = [
        {
            "figures": f,
            "pace": _percent(burn_against_time(f.burn_rate, elapsed)) if f.burn_rate is not None and elapsed else None,
            "per_period": [f.periods.get(s.index) for s in semesters],
        }
        for f in figures
    ]
    return render(
        request,
        "reporting/expenditure/overview.html",
        {
            "figures": figures,
            "rows": rows,
            "semesters": semesters,
            "elapsed": _percent(elapsed),
            "burn_bars": burn,
            "declared_bars": declared,
            "is_lead": permissions.is_lead(request.user),
            "own": own,
            "totals": {
                "budget": sum((f.budget for f in figures), 0),
                "declared": sum((f.declared for f in figures), 0),
                "erdf": sum((f.erdf_share for f in figures), 0),
            },
        },
    )


@login_required
def partner_home(request, code: str):
    """A partner's expenditure starts at its latest started period."""
    access.get_partner(code, request.user)
    today = periods.today()
    semesters = periods.semesters()
    started = [p for p in semesters if p.start <= today] or semesters[:1]
    return redirect("reporting:expenditure_period", code=code, period=started[-1].index)


def _semester_or_404(period: int) -> periods.Period:
    semester = periods.semester(period)
    if semester is None:
        raise Http404
    return semester


@login_required
def period_lines(request, code: str, period: int):
    partner, own = access.get_partner(code, request.user)
    semester = _semester_or_404(period)
    form = None
    if own:
        form = ExpenditureLineForm(request.POST or None, request.FILES or None, initial={"period": period})
        if request.method == "POST" and form.is_valid():
            try:
                saved = services.save_line(None, partner=partner, **form.cleaned_data, actor=request.user)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The expenditure line was saved as a draft."))
                if saved.warning:
                    messages.warning(request, saved.warning)
                return redirect("reporting:expenditure_period", code=code, period=saved.line.period)
    elif request.method == "POST":
        raise PermissionDenied
    lines = (
        access.visible_lines(request.user)
        .filter(partner=partner, period=period)
        .select_related("entered_by_organisation")
        .order_by("date_incurred", "pk")
    )
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
    (figures,) = partner_figures([partner.pk], drafts_of=[partner.pk] if own else [])
    over = {c.category for c in figures.over_budget}
    today = periods.today()
    status = period_status(partner.pk, period) if own else None
    # The period's total as this reader sees it: declared lines, plus drafts for the partner's own staff.
    period_total = figures.periods.get(period, 0) + (status["draft"] if status else 0)
    # Periods with lines still in draft, marked on the period tabs so none is forgotten.
    draft_periods = (
        set(
            access.visible_lines(request.user)
            .filter(partner=partner, status=ExpenditureLine.Status.DRAFT)
            .values_list("period", flat=True)
            .distinct()
        )
        if own
        else set()
    )
    return render(
        request,
        "reporting/expenditure/period.html",
        {
            "partner": partner,
            "own": own,
            "semester": semester,
            "semesters": periods.semesters(),
            "today": today,
            "started": semester.start <= today,
            "page": page,
            "form": form,
            "figures": figures,
            "over": over,
            "status": status,
            "period_total": period_total,
            "draft_periods": draft_periods,
            "is_lead": permissions.is_lead(request.user),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def declare(request, code: str, period: int):
    partner, own = access.get_partner(code, request.user)
    if not own:
        raise PermissionDenied
    _semester_or_404(period)
    try:
        count = services.declare_period(partner, period, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d line was declared.", "%(count)d lines were declared.", count) % {"count": count},
        )
    return redirect("reporting:expenditure_period", code=code, period=period)


@login_required
def line_edit(request, pk: int):
    line = access.get_line(pk, request.user, edit=True)
    initial = {
        "period": line.period,
        "category": line.category,
        "date_incurred": line.date_incurred,
        "description": line.description,
        "amount": line.amount,
    }
    form = ExpenditureLineForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_line(line, partner=line.partner, **form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The expenditure line was saved."))
            if saved.warning:
                messages.warning(request, saved.warning)
            return redirect("reporting:expenditure_period", code=line.partner.partner_code, period=saved.line.period)
    return render(
        request,
        "reporting/expenditure/line_form.html",
        {"line": line, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def line_delete(request, pk: int):
    line = access.get_line(pk, request.user, edit=True)
    try:
        services.delete_line(line, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The expenditure line was deleted."))
    return redirect("reporting:expenditure_period", code=line.partner.partner_code, period=line.period)


@login_required
def document(request, pk: int):
    line = access.get_line(pk, request.user)
    return serve(line.document, line.document_name or "document")


@login_required
def budget_edit(request, code: str):
    partner, _own = access.get_partner(code, request.user)
    permissions.require_lead(request.user)
    form = BudgetForm(request.POST or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_budget(partner, **form.service_values(), actor=request.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_service_error(field, errors)
        else:
            messages.success(request, _("The budget of %(partner)s was saved.") % {"partner": partner.partner_code})
            return redirect("reporting:expenditure_overview")
    return render(
        request,
        "reporting/expenditure/budget_form.html",
        {"partner": partner, "form": form},
        status=400 if form.errors else 200,
    )
