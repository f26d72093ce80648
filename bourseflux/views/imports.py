"""Importing flows from CSV/XLSX: upload, report (refused rows and preview), confirmation, and
the templates to fill in."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from bourseflux import imports
from bourseflux.jobs_import import IMPORT_KIND, confirm_import, load_preview, start_import
from bourseflux.permissions import is_facilitator
from circuito.accounts import roles
from circuito.accounts.models import Organisation
from circuito.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, csv_bytes, xlsx_bytes
from circuito.forms import BootstrapFormMixin
from circuito.jobs.models import Job
from circuito.jobs.services import get_job_for_user

PREVIEW_ROWS = 300

TEMPLATE_HEADERS = {
    "fr": ["rôle", "code NAF", "nom commercial", "description", "quantité", "unité", "fréquence", "commune",
           "code déchet", "nature", "catégorie", "raison sociale", "SIRET"],
    "it": ["ruolo", "codice ATECO", "nome commerciale", "descrizione", "quantità", "unità", "frequenza", "comune",
           "codice EER", "natura", "categoria", "ragione sociale", "P.IVA"],
}  # fmt: skip
TEMPLATE_ROWS = {
    "fr": [
        ["producteur", "10.32Z", "Marc de pommes", "Marc frais issu du pressage", "12,5", "t", "par mois",
         "Annecy (74)", "", "sous-produit", "", "Cidrerie des Aravis", "73282932000074"],
        ["utilisateur", "", "Palettes bois", "Palettes usagées pour broyage", "200", "pièces", "par an",
         "Chambéry", "15 01 03", "déchet", "", "Cidrerie des Aravis", "73282932000074"],
    ],
    "it": [
        ["produttore", "10.32.00", "Vinacce di mele", "Vinacce fresche da spremitura", "12,5", "t", "al mese",
         "Aosta", "", "sottoprodotto", "", "Sidreria Valdostana srl", "00743110157"],
        ["utilizzatore", "", "Pallet in legno", "Pallet usati da triturare", "200", "pezzi", "all'anno",
         "Cuneo", "15 01 03", "rifiuto", "", "Sidreria Valdostana srl", "00743110157"],
    ],
}  # fmt: skip


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx, at most 5 MB and 5,000 rows)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=gettext_lazy("Company"),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.facilitator = is_facilitator(user)
        self.fields["organisation"].queryset = roles.active_organisations(user).filter(kind=Organisation.Kind.COMPANY)
        if self.facilitator:
            self.fields["organisation"].help_text = _(
                "Leave empty to take each row's company from its legal name and SIRET or partita IVA columns "
                "(companies not registered yet are created)."
            )
            self.fields["organisation"].empty_label = _("Each row's company (columns)")
        else:
            self.fields["organisation"].required = True

    def clean_file(self):
        upload = self.cleaned_data["file"]
        head = upload.read(imports.HEAD_BYTES)
        upload.seek(0)
        try:
            self.kind = imports.check_upload(upload.name, upload.size, head)
            self.content = upload.read()
            if self.kind == "csv":  # cheap to read whole: the row count is checked at once
                imports.map_headers(imports.read_table(self.content, self.kind)[0][1])
            else:  # a workbook can unpack to far more than it weighs: its rows are read by the job
                imports.map_headers(imports.read_header(self.content, self.kind))
        except imports.FileRefused as exc:
            raise ValidationError(exc.messages) from None
        return upload


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["organisation"].queryset.exists() and not form.facilitator:
        messages.info(request, _("Register your company (or join it) before importing its flows."))
    if request.method == "POST" and form.is_valid():
        job = start_import(
            actor=request.user,
            name=form.cleaned_data["file"].name,
            content=form.content,
            kind=form.kind,
            organisation=form.cleaned_data["organisation"],
        )
        return redirect("bourseflux:import_report", job_id=job.pk)
    return render(request, "bourseflux/imports/start.html", {"form": form})


def _import_job(job_id: UUID, user) -> Job:
    job = get_job_for_user(job_id, user)  # 404 for other people's jobs
    if job.kind != IMPORT_KIND:
        raise Http404
    return job


@require_safe
@login_required
@never_cache
def import_report(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = _import_job(job_id, request.user)
    preview = load_preview(job) if job.status == Job.Status.DONE else None
    context = {"job": job, "preview": preview, "preview_rows": PREVIEW_ROWS}
    if preview is not None:
        context["shown"] = preview["valid"][:PREVIEW_ROWS]
        context["confirmed"] = bool(job.params.get("confirmed_at"))
    return render(request, "bourseflux/imports/report.html", context)


@require_safe
@login_required
@never_cache
def import_status(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """The progress block of the report; once the job has finished the page reloads itself."""
    job = _import_job(job_id, request.user)
    response = render(request, "bourseflux/imports/_status.html", {"job": job})
    if job.is_finished:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def import_confirm(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = _import_job(job_id, request.user)
    try:
        outcome = confirm_import(job, actor=request.user, publish=request.POST.get("publish") == "1")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("bourseflux:import_report", job_id=job.pk)
    if outcome.already:
        messages.info(request, _("These rows were already imported; nothing was added."))
    else:
        messages.success(
            request,
            ngettext("%(n)d flow was imported.", "%(n)d flows were imported.", outcome.created)
            % {"n": outcome.created},
        )
    return redirect("bourseflux:import_report", job_id=job.pk)


@require_safe
def import_template(request: HttpRequest, fmt: str, lang: str) -> HttpResponse:
    if lang not in TEMPLATE_HEADERS or fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = TEMPLATE_HEADERS[lang], TEMPLATE_ROWS[lang]
    filename = f"circuito-flux-import-{lang}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(csv_bytes(header, rows), content_type=CSV_CONTENT_TYPE)
    else:
        sheet = Sheet("flux" if lang == "fr" else "flussi", rows, header=header)
        response = HttpResponse(xlsx_bytes([sheet]), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
