"""The import page of the directory's open data (partner staff): a CSV in the national schema."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from circuito.files import file_kind, megabytes
from tierslieux.forms_reports import OpenDataImportForm
from tierslieux.opendata_import import MAX_BYTES, import_places
from tierslieux.permissions import is_staff_of_project


@login_required
def opendata_import(request: HttpRequest) -> HttpResponse:
    if not is_staff_of_project(request.user):
        raise PermissionDenied
    form = OpenDataImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error(
                "file", _("The file is %(size)s MB; the limit is 5 MB: split it.") % {"size": megabytes(upload.size)}
            )
        elif file_kind(upload):  # a recognised binary type (spreadsheet, PDF, image…): not CSV text
            form.add_error("file", _("This is not a CSV file: in your spreadsheet, save as “CSV UTF-8”."))
        else:
            report = import_places(upload.read(), actor=request.user, dry_run=form.cleaned_data["dry_run"])
    return render(request, "tierslieux/places/opendata_import.html", {"form": form, "report": report})
