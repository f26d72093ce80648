"""Coding a study's material (coordinator only): quotes, answer notes and open answers of the
sessions sent to the coordinator, open answers of submitted questionnaires; filters; tagging and
untagging with htmx (the item is re-rendered in place), with a plain-form fallback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from focusgroups.forms_analysis import MaterialFilterForm
from focusgroups.models import Coding
from focusgroups.selectors_analysis import codebook_tree, evidence_item, get_study
from focusgroups.selectors_analysis import material as material_list
from focusgroups.services import analysis as services

PAGE_SIZE = 30


def _filters(form: MaterialFilterForm) -> dict:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    return {
        "territory": data["territory"].pk if data.get("territory") else None,
        "category": data.get("category"),
        "sector": data.get("sector"),
        "question": data.get("question"),
        "theme": data["theme"].pk if data.get("theme") else None,
        "uncoded": data.get("uncoded"),
    }


@require_safe
@login_required
def material(request: HttpRequest, code: str) -> HttpResponse:
    access = get_study(code, request.user, coordinator=True)
    study = access.study
    form = MaterialFilterForm(request.GET or None, study=study)
    items = material_list(study, _filters(form))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "focusgroups/analysis/material.html",
        {
            "access": access,
            "study": study,
            "filters": form,
            "page": page,
            "query": query.urlencode(),
            "themes": codebook_tree(study),
            "next": request.get_full_path(),
        },
    )


def _back(request: HttpRequest, code: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("focusgroups:material", code=code)


def _item_response(request: HttpRequest, study, kind: str, pk: int, error: str = "") -> HttpResponse:
    item = evidence_item(study, kind, pk)
    context = {"item": item, "study": study, "themes": codebook_tree(study), "next": request.POST.get("next", "")}
    return render(request, "focusgroups/analysis/_item.html", {**context, "error": error})


@require_POST
@login_required
def tag(request: HttpRequest, code: str, kind: str, pk: int) -> HttpResponse:
    study = get_study(code, request.user, coordinator=True).study
    item = evidence_item(study, kind, pk)
    theme = next((t for t, _d in codebook_tree(study) if str(t.pk) == request.POST.get("theme")), None)
    error = ""
    try:
        if theme is None:
            raise ValidationError(_("Choose a theme of this study's codebook."))
        services.tag_item(study, item, theme, actor=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return _item_response(request, study, kind, pk, error)
    if error:
        messages.error(request, error)
    return _back(request, code)


@require_POST
@login_required
def untag(request: HttpRequest, pk: int) -> HttpResponse:
    coding = (
        Coding.objects.select_related(
            "theme",
            "quote__session__study",
            "answer__session__study",
            "response_answer__response__questionnaire__study",
        )
        .filter(pk=pk)
        .first()
    )
    if coding is None:
        raise Http404
    study = services.coding_study(coding)
    get_study(study.code, request.user, coordinator=True)
    kind, target = (
        ("quote", coding.quote_id)
        if coding.quote_id
        else ("answer", coding.answer_id)
        if coding.answer_id
        else ("response", coding.response_answer_id)
    )
    services.untag(coding, actor=request.user)
    if request.htmx:
        return _item_response(request, study, kind, target)
    return _back(request, study.code)
