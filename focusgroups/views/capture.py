"""The capture page (follows the template; answers saved as you type), quotes and attachments."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from circuito.files import serve_private
from focusgroups import permissions
from focusgroups.forms_sessions import AttachmentForm
from focusgroups.models import Attachment, Question, Quote
from focusgroups.services import capture as services
from focusgroups.views.sessions import session_questions


@require_safe
@login_required
def capture(request: HttpRequest, pk: int) -> HttpResponse:
    access = permissions.get_session(pk, request.user)
    if not access.can_edit:
        if access.is_organiser or access.is_coordinator:
            messages.info(request, _("This focus group is with the coordinator: it is shown read-only."))
            return redirect(access.session)
        raise PermissionDenied
    session = access.session
    sections, general_quotes = session_questions(session)
    return render(
        request,
        "focusgroups/sessions/capture.html",
        {
            "session": session,
            "sections": sections,
            "general_quotes": general_quotes,
            "participants": session.participants.active().order_by("pseudonym"),
        },
    )


def _posted_value(request: HttpRequest, question: Question):
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            body = {}
        return body.get("value"), body.get("notes")
    value = request.POST.getlist("value") if question.kind == Question.Kind.MULTIPLE else request.POST.get("value")
    return value, request.POST.get("notes")


@require_POST
@login_required
def answer_save(request: HttpRequest, pk: int, question_pk: int) -> JsonResponse:
    """Save one answer (JSON in, JSON out): {"saved_at": …} or 400 {"error": …} in the user's language."""
    access = permissions.get_session(pk, request.user, edit=True)
    question = get_object_or_404(Question, pk=question_pk, version=access.session.template_version_id)
    value, notes = _posted_value(request, question)
    try:
        answer = services.save_answer(access.session, question, value, notes, actor=request.user)
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    saved = timezone.localtime(answer.updated_at)
    return JsonResponse(
        {"saved_at": saved.isoformat(), "saved_label": formats.time_format(saved, "H:i:s"), "value": answer.value}
    )


@require_POST
@login_required
def quote_add(request: HttpRequest, pk: int) -> HttpResponse:
    access = permissions.get_session(pk, request.user, edit=True)
    session = access.session
    question = None
    if request.POST.get("question"):
        question = get_object_or_404(Question, pk=request.POST["question"], version=session.template_version_id)
    participant = None
    if request.POST.get("participant"):
        participant = session.participants.filter(pk=request.POST["participant"]).first()
    error = ""
    try:
        services.add_quote(
            session,
            request.POST.get("text", ""),
            actor=request.user,
            question=question,
            participant=participant,
            language=request.POST.get("language"),
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    quotes = session.quotes.filter(question=question).select_related("participant").order_by("pk")
    context = {
        "session": session,
        "question": question,
        "quotes": quotes,
        "error": error,
        "text": request.POST.get("text", "") if error else "",
        "editable": True,
        "participants": session.participants.active().order_by("pseudonym"),
    }
    if request.headers.get("HX-Request"):
        return render(request, "focusgroups/sessions/_quotes.html", context, status=200)
    if error:
        messages.error(request, error)
    return redirect("focusgroups:capture", pk=pk)


@require_POST
@login_required
def quote_delete(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(Quote, pk=pk)
    access = permissions.get_session(quote.session_id, request.user, edit=True)
    question = quote.question
    services.delete_quote(quote, actor=request.user)
    if request.headers.get("HX-Request"):
        quotes = access.session.quotes.filter(question=question).select_related("participant").order_by("pk")
        return render(
            request,
            "focusgroups/sessions/_quotes.html",
            {
                "session": access.session,
                "question": question,
                "quotes": quotes,
                "editable": True,
                "participants": access.session.participants.active().order_by("pseudonym"),
            },
        )
    return redirect("focusgroups:capture", pk=access.session.pk)


@require_POST
@login_required
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    access = permissions.get_session(pk, request.user, edit=True)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            services.add_attachment(
                access.session, form.cleaned_data["kind"], form.cleaned_data["file"], actor=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The file was attached."))
    return redirect(f"{access.session.get_absolute_url()}#attachments")


@require_safe
@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment, pk=pk)
    permissions.get_session(attachment.session_id, request.user)
    return serve_private(
        attachment.file, attachment.original_name, content_type=attachment.content_type, as_attachment=False
    )


@require_POST
@login_required
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment, pk=pk)
    access = permissions.get_session(attachment.session_id, request.user, edit=True)
    services.delete_attachment(attachment, actor=request.user)
    messages.success(request, _("The file was removed."))
    return redirect(f"{access.session.get_absolute_url()}#attachments")
