"""Pages of sessions: list with filters and progress, creation, edition, detail, status workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from circuito.forms import add_service_errors
from focusgroups import permissions
from focusgroups.forms_sessions import AttachmentForm, ReturnForm, SessionFilterForm, SessionForm, WithdrawForm
from focusgroups.models import Answer, ConsentText, Question, Quote, Session, Study
from focusgroups.services import sessions as services

PAGE_SIZE = 25


def study_progress() -> list[Study]:
    """Every study with its count of sessions held (or beyond) against its target."""
    studies = Study.objects.annotate(
        held=Count("sessions", filter=Q(sessions__status__in=Session.HELD_OR_BEYOND)),
        validated=Count("sessions", filter=Q(sessions__status=Session.Status.VALIDATED)),
    )
    for study in studies:
        study.percent = min(100, round(100 * study.held / study.target_sessions)) if study.target_sessions else 0
    return list(studies)


@require_safe
@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    permissions.require_staff(request.user)
    filters = SessionFilterForm(request.GET or None)
    sessions = permissions.visible_sessions(request.user).select_related("study", "organiser", "region", "department")
    if filters.is_valid():
        data = filters.cleaned_data
        if data.get("study"):
            sessions = sessions.filter(study=data["study"])
        if data.get("status"):
            sessions = sessions.filter(status=data["status"])
        if data.get("region"):
            sessions = sessions.filter(region=data["region"])
        if data.get("organiser"):
            sessions = sessions.filter(organiser=data["organiser"])
    sessions = sessions.annotate(
        n_participants=Count(
            "participants", filter=Q(participants__withdrawn_at__isnull=True, participants__attended=True)
        )
    ).order_by("-date", "-pk")
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "focusgroups/sessions/list.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "filtered": any(query.values()),
            "progress": study_progress(),
        },
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    permissions.require_staff(request.user)
    form = SessionForm(request.POST or None, user=request.user, initial={"language": request.LANGUAGE_CODE[:2]})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(form.data_for_service(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The focus group was created. Add its participants, then capture it."))
            return redirect(session)
    return render(request, "focusgroups/sessions/form.html", {"form": form})


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.get_session(pk, request.user, edit=True).session
    form = SessionForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(
                Session.objects.get(pk=pk),
                form.data_for_service(),
                actor=request.user,
                expected_updated_at=form.cleaned_data.get("updated_at"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The focus group was saved."))
            return redirect("focusgroups:session_detail", pk=pk)
    return render(request, "focusgroups/sessions/form.html", {"form": form, "session": session})


def session_questions(session: Session):
    """The session's template, section by section, with the session's answers and quotes attached."""
    answers = {a.question_id: a for a in Answer.objects.filter(session=session)}
    quotes: dict[int | None, list[Quote]] = {}
    for quote in session.quotes.select_related("participant").order_by("pk"):
        quotes.setdefault(quote.question_id, []).append(quote)
    sections = list(
        session.template_version.sections.prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order", "pk").prefetch_related("tags"))
        )
    )
    for section in sections:
        for question in section.questions.all():
            question.answer = answers.get(question.pk)
            question.session_quotes = quotes.get(question.pk, [])
    return sections, quotes.get(None, [])


@require_safe
@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = permissions.get_session(pk, request.user)
    session = access.session
    sections, general_quotes = session_questions(session)
    participants = list(session.participants.select_related("consent_text").order_by("pseudonym"))
    return render(
        request,
        "focusgroups/sessions/detail.html",
        {
            "session": session,
            "access": access,
            "sections": sections,
            "general_quotes": general_quotes,
            "participants": participants,
            "attachments": session.attachments.select_related("uploaded_by"),
            "attachment_form": AttachmentForm(),
            "return_form": ReturnForm(),
            "withdraw_form": WithdrawForm(),
            "problems": services.submission_problems(session)
            if access.can_edit and session.status in (Session.Status.HELD, Session.Status.RETURNED)
            else [],
            "consent_texts": {c.language: c for c in (ConsentText.current("fr"), ConsentText.current("it")) if c},
        },
    )


@require_POST
@login_required
def session_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    access = permissions.get_session(pk, request.user)
    session = access.session
    try:
        if action == "held" and access.is_organiser:
            services.mark_held(session, actor=request.user)
            messages.success(request, _("The focus group is marked as held."))
        elif action == "submit" and access.is_organiser:
            services.submit_session(session, actor=request.user)
            messages.success(request, _("The focus group was sent to the coordinator."))
        elif action == "validate" and access.is_coordinator:
            services.validate_session(session, actor=request.user)
            messages.success(request, _("The focus group is validated."))
        elif action == "return" and access.is_coordinator:
            form = ReturnForm(request.POST)
            comment = form.data.get("comment", "")
            services.return_session(session, comment, actor=request.user)
            messages.success(request, _("The focus group was returned to the partner with your comment."))
        else:
            raise PermissionDenied
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("focusgroups:session_detail", pk=pk)
