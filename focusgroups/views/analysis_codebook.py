"""The codebook of a study: bilingual, hierarchical themes managed by its coordinator (partner staff
read it), and its exports as CSV and REFI-QDA (.qdc) for NVivo and ATLAS.ti."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from circuito.forms import add_service_errors
from focusgroups import exports
from focusgroups.forms_analysis import ThemeForm
from focusgroups.models import Theme
from focusgroups.selectors_analysis import codebook_tree, get_study
from focusgroups.services import analysis as services


def _data(form: ThemeForm) -> dict:
    return {k: form.cleaned_data.get(k) for k in services.THEME_FIELDS}


@login_required
def codebook(request: HttpRequest, code: str) -> HttpResponse:
    access = get_study(code, request.user, coordinator=request.method == "POST")
    study = access.study
    form = ThemeForm(request.POST or None, study=study) if access.is_coordinator else None
    if request.method == "POST" and form.is_valid():
        try:
            services.create_theme(study, _data(form), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The theme was added to the codebook."))
            return redirect("focusgroups:codebook", code=study.code)
    tree = codebook_tree(study)
    return render(
        request,
        "focusgroups/analysis/codebook.html",
        {"access": access, "study": study, "tree": tree, "form": form},
    )


def _theme_for_edit(pk: int, user) -> tuple[Theme, object]:
    theme = Theme.objects.select_related("study").filter(pk=pk).first()
    if theme is None:
        raise Http404
    if theme.study is None:
        if not user.is_superuser:
            raise PermissionDenied
        return theme, None
    return theme, get_study(theme.study.code, user, coordinator=True)


@login_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme, access = _theme_for_edit(pk, request.user)
    if access is None:  # shared themes are kept in the admin
        raise PermissionDenied
    form = ThemeForm(request.POST or None, instance=theme, study=access.study)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_theme(Theme.objects.get(pk=pk), _data(form), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The theme was saved."))
            return redirect("focusgroups:codebook", code=access.study.code)
    return render(
        request, "focusgroups/analysis/theme_form.html", {"form": form, "theme": theme, "study": access.study}
    )


@require_POST
@login_required
def theme_delete(request: HttpRequest, pk: int) -> HttpResponse:
    theme, access = _theme_for_edit(pk, request.user)
    if access is None:
        raise PermissionDenied
    try:
        services.delete_theme(theme, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The theme was deleted."))
    return redirect("focusgroups:codebook", code=access.study.code)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def codebook_csv(request: HttpRequest, code: str) -> HttpResponse:
    study = get_study(code, request.user, coordinator=True).study
    return _download(exports.codebook_csv(study), exports.CSV, f"codebook-{slugify(study.code)}.csv")


@require_safe
@login_required
def codebook_qdc(request: HttpRequest, code: str) -> HttpResponse:
    study = get_study(code, request.user, coordinator=True).study
    language = request.GET.get("lang") if request.GET.get("lang") in ("fr", "it") else request.LANGUAGE_CODE[:2]
    return _download(
        exports.codebook_qdc(study, language), exports.QDC, f"codebook-{slugify(study.code)}-{language}.qdc"
    )
