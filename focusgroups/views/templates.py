"""Pages of question templates: list, editor (sections, questions), preview in both languages, publication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from circuito.forms import add_service_errors
from focusgroups import permissions
from focusgroups.forms_templates import QuestionForm, SectionForm, TemplateForm
from focusgroups.models import Question, QuestionTemplate, Section, Study, TemplateVersion
from focusgroups.services import templates as services


def _version_url(version: TemplateVersion) -> str:
    return f"{reverse('focusgroups:template_detail', args=[version.template_id])}?version={version.number}"


@require_safe
@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    permissions.require_staff(request.user)
    templates = (
        permissions.visible_templates(request.user)
        .select_related("study")
        .prefetch_related(Prefetch("versions", queryset=TemplateVersion.objects.order_by("-number")))
        .order_by("study__order", "study__code", "title_fr")
    )
    coordinated = list(permissions.coordinated_studies(request.user))
    rows = []
    for template in templates:
        versions = list(template.versions.all())
        rows.append(
            {
                "template": template,
                "published": next((v for v in versions if v.status == TemplateVersion.Status.PUBLISHED), None),
                "draft": next((v for v in versions if v.status == TemplateVersion.Status.DRAFT), None),
                "can_edit": template.study in coordinated,
            }
        )
    return render(request, "focusgroups/templates/list.html", {"rows": rows, "coordinated": coordinated})


@login_required
def template_create(request: HttpRequest, study: str) -> HttpResponse:
    permissions.require_staff(request.user)
    study_obj = get_object_or_404(Study, code=study)
    if not permissions.is_coordinator(request.user, study_obj):
        raise PermissionDenied
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.create_template(study_obj, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The template was created: add its sections and questions."))
            return redirect("focusgroups:template_detail", pk=template.pk)
    return render(request, "focusgroups/templates/template_form.html", {"form": form, "study": study_obj})


@login_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = permissions.get_template(pk, request.user, edit=True).template
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_template(QuestionTemplate.objects.get(pk=pk), form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The template was saved."))
            return redirect("focusgroups:template_detail", pk=pk)
    return render(
        request,
        "focusgroups/templates/template_form.html",
        {"form": form, "study": template.study, "template": template},
    )


@require_safe
@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = permissions.get_template(pk, request.user)
    template = access.template
    versions = list(permissions.visible_versions(request.user, template).order_by("-number"))
    if not versions:
        raise Http404
    number = request.GET.get("version")
    version = next((v for v in versions if str(v.number) == number), None)
    if version is None:
        version = next((v for v in versions if v.status == TemplateVersion.Status.DRAFT), None) or versions[0]
    lang = request.GET.get("lang") if request.GET.get("lang") in ("fr", "it") else None
    sections = version.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "pk").prefetch_related("tags"))
    )
    editable = access.can_edit and services.is_editable(version)
    return render(
        request,
        "focusgroups/templates/detail.html",
        {
            "template": template,
            "version": version,
            "versions": versions,
            "sections": sections,
            "lang": lang or "",
            "can_edit": access.can_edit,
            "editable": editable,
            "problems": services.publication_problems(version)
            if access.can_edit and version.status == TemplateVersion.Status.DRAFT
            else [],
        },
    )


@require_POST
@login_required
def template_start_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = permissions.get_template(pk, request.user, edit=True).template
    had_draft = services.draft_version(template) is not None
    version = services.version_for_edit(template, actor=request.user)
    if not had_draft and version.status == TemplateVersion.Status.DRAFT and version.based_on_id:
        messages.info(
            request,
            _("Version %(number)s was already used: your changes go to the new draft version %(draft)s.")
            % {"number": version.based_on.number, "draft": version.number},
        )
    return redirect(_version_url(version))


@require_POST
@login_required
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(TemplateVersion.objects.select_related("template"), pk=pk)
    permissions.get_template(version.template_id, request.user, edit=True)
    try:
        services.publish_version(version, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Version %(number)s is published: partners can use it.") % {"number": version.number}
        )
    return redirect(_version_url(version))


def _editable_version(request: HttpRequest, version_pk: int) -> TemplateVersion:
    version = get_object_or_404(TemplateVersion.objects.select_related("template__study"), pk=version_pk)
    permissions.get_template(version.template_id, request.user, edit=True)
    return version


@login_required
def section_form(request: HttpRequest, version_pk: int, pk: int | None = None) -> HttpResponse:
    version = _editable_version(request, version_pk)
    section = get_object_or_404(Section, pk=pk, version=version) if pk else None
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "order": form.cleaned_data.get("order") or 0}
        try:
            services.save_section(version, data, actor=request.user, section=Section.objects.get(pk=pk) if pk else None)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The section was saved."))
            return redirect(_version_url(version))
    return render(
        request, "focusgroups/templates/section_form.html", {"form": form, "version": version, "section": section}
    )


@login_required
def question_form(request: HttpRequest, section_pk: int, pk: int | None = None) -> HttpResponse:
    section = get_object_or_404(Section.objects.select_related("version__template__study"), pk=section_pk)
    version = _editable_version(request, section.version_id)
    question = get_object_or_404(Question, pk=pk, section=section) if pk else None
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(
                section,
                form.data_for_service(),
                actor=request.user,
                question=Question.objects.get(pk=pk) if pk else None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question was saved."))
            return redirect(_version_url(version))
    return render(
        request,
        "focusgroups/templates/question_form.html",
        {"form": form, "version": version, "section": section, "question": question},
    )


@require_POST
@login_required
def section_delete(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(Section, pk=pk)
    version = _editable_version(request, section.version_id)
    try:
        services.delete_section(section, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The section was deleted."))
    return redirect(_version_url(version))


@require_POST
@login_required
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk)
    version = _editable_version(request, question.version_id)
    try:
        services.delete_question(question, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question was deleted."))
    return redirect(_version_url(version))
