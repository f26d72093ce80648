"""Visitors report an error on a place's page; the place's editors read and close the reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from circuito.rate_limit import over_limit
from tierslieux.forms_reports import ErrorReportForm
from tierslieux.models import PlaceErrorReport
from tierslieux.permissions import get_place
from tierslieux.services import reports as services

# Per client address: a person rarely reports more than a few errors an hour.
REPORTS_PER_HOUR = 5


def place_report_error(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user).place
    form = ErrorReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if over_limit(request, "place-error-report", limit=REPORTS_PER_HOUR, period=3600):
            form.add_error(None, _("Too many reports from your connection: try again in an hour."))
            status = 429
        elif form.is_valid():
            if not form.cleaned_data["homepage"]:  # robots fill the hidden field: thanked, not saved
                try:
                    services.report_place_error(
                        place,
                        message=form.cleaned_data["message"],
                        email=form.cleaned_data["email"],
                        language=get_language() or "fr",
                    )
                except ValidationError as error:
                    form.add_error("message", error)
            if not form.errors:
                messages.success(request, _("Thank you: the referents of the place have been told."))
                return redirect(place)
    return render(request, "tierslieux/places/report_error.html", {"place": place, "form": form}, status=status)


@login_required
def place_error_reports(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    reports = place.error_reports.select_related("resolved_by").order_by("resolved_at", "-created_at")[:100]
    return render(request, "tierslieux/places/error_reports.html", {"place": place, "reports": reports})


@login_required
@require_POST
def error_report_resolve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    services.resolve_error_report(get_object_or_404(PlaceErrorReport, pk=pk, place=place), actor=request.user)
    return redirect("tierslieux:place_error_reports", place.slug)
