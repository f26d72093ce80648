"""The coordinator's pages of online questionnaires: list, creation, settings, recipients and
sending, responses. Only the coordinator of the study (and superusers) see them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from circuito.forms import add_service_errors
from focusgroups import permissions
from focusgroups.forms_questionnaires import PasteForm, QuestionnaireForm, RecipientForm
from focusgroups.models import Invitation, Question, Questionnaire
from focusgroups.services import questionnaires as services

PAGE_SIZE = 25


def _with_counts(queryset):
    return queryset.annotate(
        n_invitations=Count("invitations", distinct=True),
        n_started=Count("responses", filter=Q(responses__submitted_at__isnull=True), distinct=True),
        n_submitted=Count("responses", filter=Q(responses__submitted_at__isnull=False), distinct=True),
    )


@require_safe
@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    permissions.require_staff(request.user)
    questionnaires = _with_counts(
        permissions.visible_questionnaires(request.user).select_related("study", "template_version__template")
    ).order_by("-created_at")
    page = Paginator(questionnaires, PAGE_SIZE).get_page(request.GET.get("page"))
    for questionnaire in page.object_list:
        questionnaire.state = services.state(questionnaire)
    return render(
        request,
        "focusgroups/questionnaires/list.html",
        {"page": page, "may_create": permissions.may_create_questionnaire(request.user)},
    )


@login_required
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    permissions.require_staff(request.user)
    if not permissions.may_create_questionnaire(request.user):
        raise PermissionDenied
    form = QuestionnaireForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.create_questionnaire(
                form.cleaned_data["template_version"], form.data_for_service(), actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The questionnaire was created. Add its recipients, then send the links."))
            return redirect("focusgroups:questionnaire_detail", pk=questionnaire.pk)
    return render(request, "focusgroups/questionnaires/form.html", {"form": form})


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = permissions.get_questionnaire(pk, request.user)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_questionnaire(Questionnaire.objects.get(pk=pk), form.data_for_service(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The questionnaire was saved."))
            return redirect("focusgroups:questionnaire_detail", pk=pk)
    return render(request, "focusgroups/questionnaires/form.html", {"form": form, "questionnaire": questionnaire})


def _public_url(request: HttpRequest, questionnaire: Questionnaire) -> str:
    return request.build_absolute_uri(reverse("focusgroups:respond_public", args=[questionnaire.public_token]))


@login_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = permissions.get_questionnaire(pk, request.user)
    recipient_form = RecipientForm(initial={"language": request.LANGUAGE_CODE[:2]})
    paste_form = PasteForm(initial={"language": request.LANGUAGE_CODE[:2]})
    if request.method == "POST":
        pasted = "recipients" in request.POST
        if pasted:
            form = paste_form = PasteForm(request.POST)
        else:
            form = recipient_form = RecipientForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if pasted:
                    recipients = services.parse_recipients(data["recipients"], data["language"])
                else:
                    recipients = [services.Recipient(data["email"], data["organisation_name"], data["language"])]
                added, skipped = services.add_recipients(questionnaire, recipients, actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if added:
                    messages.success(
                        request, ngettext("%(n)d recipient added.", "%(n)d recipients added.", added) % {"n": added}
                    )
                if skipped:
                    messages.warning(
                        request, _("Already invited, not added twice: %(emails)s") % {"emails": ", ".join(skipped)}
                    )
                return redirect("focusgroups:questionnaire_detail", pk=pk)
    invitations = questionnaire.invitations.select_related("response").order_by("email")
    page = Paginator(invitations, 50).get_page(request.GET.get("page"))
    counts = _with_counts(Questionnaire.objects.filter(pk=pk)).values("n_invitations", "n_started", "n_submitted")[0]
    return render(
        request,
        "focusgroups/questionnaires/detail.html",
        {
            "questionnaire": questionnaire,
            "state": services.state(questionnaire),
            "counts": counts,
            "unsent": questionnaire.invitations.filter(sent_at__isnull=True).count(),
            "page": page,
            "recipient_form": recipient_form,
            "paste_form": paste_form,
            "public_url": _public_url(request, questionnaire),
            "sections": services.sections_of(questionnaire),
        },
    )


@require_POST
@login_required
def questionnaire_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    questionnaire = permissions.get_questionnaire(pk, request.user)
    try:
        if action == "send":
            sent = services.send_invitations(questionnaire, actor=request.user)
            messages.success(
                request,
                ngettext("%(n)d personal link sent by e-mail.", "%(n)d personal links sent by e-mail.", sent)
                % {"n": sent},
            )
        elif action == "close":
            services.close_questionnaire(questionnaire, actor=request.user)
            messages.success(request, _("The questionnaire is closed: its links now say so."))
        else:
            raise PermissionDenied
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("focusgroups:questionnaire_detail", pk=pk)


@require_POST
@login_required
def invitation_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.only("pk", "questionnaire_id"), pk=pk)
    questionnaire = permissions.get_questionnaire(invitation.questionnaire_id, request.user)
    invitation = Invitation.objects.get(pk=pk)
    invitation.questionnaire = questionnaire
    try:
        if action == "resend":
            services.send_invitations(questionnaire, actor=request.user, resend=invitation)
            messages.success(request, _("The link was sent again to %(email)s.") % {"email": invitation.email})
        elif action == "delete":
            services.remove_invitation(invitation, actor=request.user)
            messages.success(request, _("The recipient %(email)s was removed.") % {"email": invitation.email})
        else:
            raise PermissionDenied
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("focusgroups:questionnaire_detail", pk=questionnaire.pk)


@require_safe
@login_required
def response_list(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = permissions.get_questionnaire(pk, request.user)
    responses = questionnaire.responses.select_related("invitation", "territory").order_by("-started_at", "-pk")
    status = request.GET.get("status")
    if status == "submitted":
        responses = responses.filter(submitted_at__isnull=False)
    elif status == "started":
        responses = responses.filter(submitted_at__isnull=True)
    page = Paginator(responses, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = _with_counts(Questionnaire.objects.filter(pk=pk)).values("n_invitations", "n_started", "n_submitted")[0]
    return render(
        request,
        "focusgroups/questionnaires/responses.html",
        {
            "questionnaire": questionnaire,
            "page": page,
            "counts": counts,
            "status": status or "",
            "query": f"status={status}" if status else "",
            "n_steps": len(services.sections_of(questionnaire)) + 1,
        },
    )


@require_safe
@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_questionnaire_response(pk, request.user)
    answers = {a.question_id: a.value for a in response.answers.all()}
    sections = list(
        response.questionnaire.template_version.sections.order_by("order", "pk").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order", "pk"))
        )
    )
    for section in sections:
        for question in section.questions.all():
            question.value = answers.get(question.pk)
    return render(
        request,
        "focusgroups/questionnaires/response_detail.html",
        {"questionnaire": response.questionnaire, "response": response, "sections": sections},
    )
