"""Pages of the project calendar: its editions and their reporting periods (partner staff), and
the forms lead partner staff use to change an edition or start a new one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from reporting import periods, permissions
from reporting.forms_calendar import EditionForm
from reporting.models import ProjectEdition
from reporting.services import calendar as services
from reporting.views.structure import _form_errors


@require_safe
@login_required
def calendar(request):
    permissions.require_staff(request.user)
    editions = periods.calendar()
    current = periods.current_edition(editions)
    today = periods.today()
    rows = [
        {
            "edition": edition,
            "current": edition.number == current.number,
            "periods": [{"period": p, "past": p.end < today, "running": today in p} for p in edition.periods()],
        }
        for edition in editions
    ]
    return render(
        request,
        "reporting/structure/calendar.html",
        {"rows": rows, "is_lead": permissions.is_lead(request.user), "today": today},
    )


def _save(request, edition: ProjectEdition | None):
    permissions.require_lead(request.user)
    if edition is None:
        last = periods.calendar()[-1]
        initial = {
            "start_date": periods.add_months(last.end, 1),
            "duration_months": last.duration,
            "period_months": last.period_months,
        }
    else:
        initial = {name: getattr(edition, name) for name in services.FIELDS}
    form = EditionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_edition(edition, **form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The edition was added.") if edition is None else _("The edition was updated."))
            return redirect("reporting:calendar")
    return render(
        request,
        "reporting/structure/edition_form.html",
        {"form": form, "edition": edition},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def edition_add(request):
    return _save(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def edition_edit(request, pk: int):
    permissions.require_lead(request.user)
    return _save(request, get_object_or_404(ProjectEdition, pk=pk))
