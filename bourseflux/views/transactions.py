"""The deal of a synergy: its record, the quantities actually exchanged and its documents. Seen and
written by the two parties and facilitators; anyone else gets a 404 (the synergy does not leak)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bourseflux import outcomes
from bourseflux.forms_transactions import ActualQuantityForm, DocumentForm, TransactionForm
from bourseflux.models import Synergy, Transaction, TransactionDocument
from bourseflux.permissions import get_synergy
from bourseflux.services import transactions as services
from circuito.files import serve_private
from circuito.forms import add_service_errors


def _deal(synergy: Synergy) -> Transaction | None:
    return (
        Transaction.objects.select_related("supplier", "receiver", "ewc", "nace", "created_by")
        .filter(synergy=synergy)
        .first()
    )


def _page(request: HttpRequest, synergy: Synergy, *, status: int = 200, **forms_) -> HttpResponse:
    deal = _deal(synergy)
    if deal is None:
        return redirect("bourseflux:transaction_edit", pk=synergy.pk)
    actuals = list(deal.actuals.select_related("entered_by"))
    total = outcomes.figures([synergy.pk])[synergy.pk]
    context = {
        "synergy": synergy,
        "deal": deal,
        "actuals": actuals,
        "documents": deal.documents.select_related("uploaded_by"),
        "total": total,
        "measured": bool(actuals),
        "actual_form": forms_.get("actual_form") or ActualQuantityForm(),
        "document_form": forms_.get("document_form") or DocumentForm(),
    }
    return render(request, "bourseflux/transactions/detail.html", context, status=status)


@login_required
@require_safe
def transaction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_synergy(pk, request.user))


@login_required
@require_http_methods(["GET", "POST"])
def transaction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    synergy = get_synergy(pk, request.user)
    deal = _deal(synergy)
    if request.method == "POST":
        form = TransactionForm(request.POST)
        if form.is_valid():
            try:
                services.record_transaction(synergy, actor=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The deal is recorded."))
                return redirect("bourseflux:transaction_detail", pk=synergy.pk)
    else:
        form = TransactionForm(initial=TransactionForm.initial_for(synergy, deal))
    recordable = synergy.stage in services.RECORDABLE_STAGES
    return render(
        request,
        "bourseflux/transactions/form.html",
        {"synergy": synergy, "deal": deal, "form": form, "recordable": recordable},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def actual_quantity_add(request: HttpRequest, pk: int) -> HttpResponse:
    synergy = get_synergy(pk, request.user)
    deal = _deal(synergy)
    if deal is None:
        raise Http404
    form = ActualQuantityForm(request.POST)
    if form.is_valid():
        try:
            services.record_actual_quantity(deal, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The quantity exchanged is recorded."))
            return redirect(reverse("bourseflux:transaction_detail", args=[pk]) + "#actuals")
    return _page(request, synergy, actual_form=form, status=400)


@login_required
@require_POST
def transaction_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    synergy = get_synergy(pk, request.user)
    deal = _deal(synergy)
    if deal is None:
        raise Http404
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(deal, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document is attached."))
            return redirect(reverse("bourseflux:transaction_detail", args=[pk]) + "#documents")
    return _page(request, synergy, document_form=form, status=400)


@login_required
@require_safe
def transaction_document_download(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    synergy = get_synergy(pk, request.user)  # 404 for whoever does not see the synergy
    document = TransactionDocument.objects.filter(pk=document_pk, transaction__synergy=synergy).first()
    if document is None:
        raise Http404
    return serve_private(document.file, document.name, content_type=document.content_type)
