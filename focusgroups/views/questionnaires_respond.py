"""The respondent's pages: no account, the token of the link is the permission.

- a personal link (/q/<token>/) belongs to one recipient and is answered once;
- the public link (/p/<token>/) gives each visitor a response of their own, found again through a
  cookie or the resume link (/r/<token>/); its first form is guarded against spam (honeypot,
  minimal time on page, a limit per IP address through the cache, and CSRF as everywhere);
- step 0 asks who answers (organisation, category, country, region), then one step per section.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from circuito.client_ip import client_ip
from circuito.translated import current_language
from focusgroups.forms_questionnaires import ProfileForm, ResumeEmailForm
from focusgroups.models import Invitation, Question, Questionnaire, Response
from focusgroups.services import questionnaires as services

COOKIE_MAX_AGE = 90 * 86_400


@dataclass
class Handle:
    """What a link gives access to: the questionnaire and, once started, the response."""

    questionnaire: Questionnaire
    response: Response | None
    invitation: Invitation | None
    token: str
    kind: str  # "respond" (personal link) or "resume"

    def url(self, step: int | None = None, page: str = "", language: str | None = None) -> str:
        with translation.override(language or current_language()):
            if page:
                return reverse(f"focusgroups:{self.kind}_{page}", args=[self.token])
            if step is None:
                return reverse(f"focusgroups:{self.kind}", args=[self.token])
            return reverse(f"focusgroups:{self.kind}_step", args=[self.token, step])

    @property
    def public(self) -> bool:
        return self.invitation is None


def _questionnaires():
    return Questionnaire.objects.select_related("study", "template_version")


def _personal(token: str) -> Handle:
    invitation = Invitation.objects.select_related("questionnaire").filter(token=token).first()
    if invitation is None:
        raise Http404
    invitation.questionnaire = _questionnaires().get(pk=invitation.questionnaire_id)
    response = Response.objects.filter(invitation=invitation).first()
    if response is not None:
        response.questionnaire = invitation.questionnaire
    return Handle(invitation.questionnaire, response, invitation, token, "respond")


def _resumed(token: str) -> Handle:
    response = Response.objects.select_related("invitation").filter(resume_token=token).first()
    if response is None:
        raise Http404
    response.questionnaire = _questionnaires().get(pk=response.questionnaire_id)
    return Handle(response.questionnaire, response, response.invitation, token, "resume")


def _cookie_name(questionnaire: Questionnaire) -> str:
    return f"fg_q{questionnaire.pk}"


def rate_limited(request: HttpRequest, bucket: str) -> bool:
    """True once an IP address went past the allowed count in the period (settings
    FOCUSGROUPS_QUESTIONNAIRE_RATE: (count, seconds)); counted in Django's cache."""
    limit, period = getattr(settings, "FOCUSGROUPS_QUESTIONNAIRE_RATE", (20, 3600))
    key = f"fg-questionnaire-rate:{bucket}:{client_ip(request)}"
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        count = 1
    return count > limit


def _closed_page(request: HttpRequest, handle: Handle) -> HttpResponse | None:
    """The page to show instead of the form, when the link may not be answered now."""
    questionnaire = handle.questionnaire
    if handle.response is not None and handle.response.submitted_at:
        reason = "answered"
    else:
        reason = services.state(questionnaire)
        if reason == services.State.OPEN:
            return None
    return render(
        request,
        "focusgroups/questionnaires/respond/unavailable.html",
        {"questionnaire": questionnaire, "reason": reason, "response": handle.response},
    )


def _display_values(questions: list[Question], response: Response | None, post=None) -> dict[int, object]:
    """What each input shows: what was typed (after an error) or the saved answer."""
    if post is not None:
        return {
            q.pk: post.getlist(f"q{q.pk}") if q.kind == Question.Kind.MULTIPLE else post.get(f"q{q.pk}", "")
            for q in questions
        }
    saved = {a.question_id: a.value for a in response.answers.all()} if response else {}
    shown = {}
    for q in questions:
        value = saved.get(q.pk)
        if q.kind == Question.Kind.YES_NO and value is not None:
            value = "yes" if value else "no"
        elif q.kind == Question.Kind.MULTIPLE:
            value = [str(v) for v in value or []]
        shown[q.pk] = "" if value is None else value
    return shown


def _raw(questions: list[Question], post) -> dict[int, object]:
    return {
        q.pk: post.getlist(f"q{q.pk}") if q.kind == Question.Kind.MULTIPLE else post.get(f"q{q.pk}") for q in questions
    }


def _after_save(request: HttpRequest, handle: Handle, action: str, step: int, n_steps: int) -> HttpResponse:
    if action.startswith("lang:") and action[5:] in ("fr", "it"):
        return redirect(handle.url(step, language=action[5:]))
    if action == "later":
        url = handle.url(page="saved")
        if handle.invitation is not None:  # we know the address: the link goes there too
            link = services.absolute_url(handle.url())  # e-mailed: on SITE_URL, not this request's host
            services.send_resume_link(handle.response, handle.invitation.email, link, current_language())
            url += "?mailed=1"
        return redirect(url)
    if action == "back":
        return redirect(handle.url(max(step - 1, 0)))
    if step + 1 < n_steps:
        return redirect(handle.url(step + 1))
    try:
        services.submit_response(handle.response)
    except ValidationError as exc:
        section_pk = str(exc.error_list[0].code or "").removeprefix("section:")
        sections = [s.pk for s in services.sections_of(handle.questionnaire)]
        target = sections.index(int(section_pk)) + 1 if section_pk.isdigit() and int(section_pk) in sections else 0
        messages.error(request, exc.messages[0])
        return redirect(handle.url(target))
    return redirect(handle.url(page="thanks"))


def _profile_step(request: HttpRequest, handle: Handle, action: str, context: dict) -> HttpResponse:
    """The first step: who answers. Saved and moved on when valid, shown again otherwise."""
    form = _profile_form(request, handle, public=False)
    if action and form.is_valid():
        try:
            _save_profile(handle, form.cleaned_data, context["language"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _after_save(request, handle, action, context["step"], context["n_steps"])
    elif action.startswith("lang:"):  # nothing valid to save yet: keep what was typed, no errors
        form = ProfileForm(initial=request.POST.dict(), public=False)
    return render(request, "focusgroups/questionnaires/respond/profile.html", {**context, "form": form})


def _step(request: HttpRequest, handle: Handle, step: int | None) -> HttpResponse:
    unavailable = _closed_page(request, handle)
    if unavailable is not None:
        return unavailable
    response = handle.response
    sections = services.sections_of(handle.questionnaire)
    n_steps = len(sections) + 1
    reached = min(response.last_section, n_steps - 1) if response else 0
    if step is None:
        return redirect(handle.url(reached))
    if step >= n_steps:
        raise Http404
    if step > reached:
        return redirect(handle.url(reached))
    action = request.POST.get("action", "next") if request.method == "POST" else ""
    if action.startswith("lang:") and action[5:] in ("fr", "it"):
        # The switch saves what was typed, then shows the page (or its errors) in the other language.
        translation.activate(action[5:])
        request.LANGUAGE_CODE = action[5:]
    language = current_language()
    context = {
        "handle": handle,
        "questionnaire": handle.questionnaire,
        "step": step,
        "n_steps": n_steps,
        "progress": step,
        "language": language,
        "other_language": "it" if language == "fr" else "fr",
        "error": "",
        "action_url": handle.url(step),
    }
    if request.method == "POST" and request.POST.get("website"):
        context["error"] = _("Your answer looks automated: leave the hidden field empty.")
        action = ""
    if step == 0:
        return _profile_step(request, handle, action, context)
    section = sections[step - 1]
    questions = list(section.questions.order_by("order", "pk"))
    errors: dict[str, list[str]] = {}
    if action:
        try:
            handle.response = services.save_section(
                response,
                section,
                _raw(questions, request.POST),
                step=step,
                require=action == "next",
                language=action[5:] if action.startswith("lang:") else language,
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        else:
            return _after_save(request, handle, action, step, n_steps)
    values = _display_values(questions, response, request.POST if action or context["error"] else None)
    for question in questions:
        question.shown = values.get(question.pk)
        question.error = " ".join(errors.get(str(question.pk), []))
    return render(
        request,
        "focusgroups/questionnaires/respond/section.html",
        {
            **context,
            "section": section,
            "questions": questions,
            "has_errors": bool(errors),
            "general_errors": errors.get("", []) + errors.get("__all__", []),
            "last": step + 1 == n_steps,
        },
        status=400 if errors else 200,
    )


def _profile_form(request: HttpRequest, handle: Handle, *, public: bool) -> ProfileForm:
    response = handle.response
    initial = {}
    if response is not None:
        initial = {
            "organisation": response.respondent_organisation,
            "category": response.category,
            "country": response.country,
            "territory": response.territory_id,
        }
    elif handle.invitation is not None:
        initial = {"organisation": handle.invitation.organisation_name}
    data = request.POST if request.method == "POST" and request.POST.get("action", "next") else None
    return ProfileForm(data, initial=initial, public=public)


def _save_profile(handle: Handle, profile: dict, language: str) -> None:
    if handle.response is None:
        handle.response = services.start_response(
            handle.questionnaire, profile, language=language, invitation=handle.invitation
        )
    else:
        handle.response = services.save_profile(handle.response, profile, language=language)


@never_cache
def respond(request: HttpRequest, token: str, step: int | None = None) -> HttpResponse:
    return _step(request, _personal(token), step)


@never_cache
def resume(request: HttpRequest, token: str, step: int | None = None) -> HttpResponse:
    return _step(request, _resumed(token), step)


@never_cache
def respond_public(request: HttpRequest, token: str) -> HttpResponse:
    """The public link: a returning visitor goes back to their response; a new one tells who they
    are, which creates their response."""
    questionnaire = _questionnaires().filter(public_token=token, allow_public=True).first()
    if questionnaire is None:
        raise Http404
    existing = Response.objects.filter(
        questionnaire=questionnaire, resume_token=request.COOKIES.get(_cookie_name(questionnaire), "-")
    ).first()
    if existing is not None and not existing.submitted_at:
        return redirect(Handle(questionnaire, existing, None, existing.resume_token, "resume").url())
    handle = Handle(questionnaire, existing, None, token, "public")
    unavailable = _closed_page(request, handle)
    if unavailable is not None:
        return unavailable
    form = ProfileForm(request.POST if request.method == "POST" else None, public=True)
    status = 200
    if request.method == "POST":
        if rate_limited(request, "start"):
            form.add_error(None, _("Too many answers were started from your connection: try again in an hour."))
            status = 429
        elif form.is_valid():
            try:
                response = services.start_response(questionnaire, form.cleaned_data, language=current_language())
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                handle = Handle(questionnaire, response, None, response.resume_token, "resume")
                target = redirect(handle.url(1))
                target.set_cookie(
                    _cookie_name(questionnaire),
                    response.resume_token,
                    max_age=COOKIE_MAX_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
                return target
        else:
            status = 400
    language = current_language()
    return render(
        request,
        "focusgroups/questionnaires/respond/profile.html",
        {
            "handle": handle,
            "questionnaire": questionnaire,
            "form": form,
            "step": 0,
            "n_steps": len(services.sections_of(questionnaire)) + 1,
            "progress": 0,
            "public_start": True,
            "language": language,
            "other_language": "it" if language == "fr" else "fr",
        },
        status=status,
    )


def _saved(request: HttpRequest, handle: Handle) -> HttpResponse:
    """After "continue later": the link to come back, e-mailed when we know the address."""
    if handle.response is None:
        return redirect(handle.url())
    unavailable = _closed_page(request, handle)
    if unavailable is not None:
        return unavailable
    language = current_language()
    link = services.absolute_url(handle.url())
    form = ResumeEmailForm(request.POST or None)
    sent_to = handle.invitation.email if handle.invitation is not None and request.GET.get("mailed") else ""
    if request.method == "POST" and handle.invitation is None:
        if rate_limited(request, "mail"):
            form.add_error(None, _("Too many e-mails were asked from your connection: try again in an hour."))
        elif form.is_valid():
            services.send_resume_link(handle.response, form.cleaned_data["email"], link, language)
            sent_to = form.cleaned_data["email"]
            form = ResumeEmailForm()
    return render(
        request,
        "focusgroups/questionnaires/respond/saved.html",
        {"handle": handle, "questionnaire": handle.questionnaire, "link": link, "form": form, "sent_to": sent_to},
    )


def _thanks(request: HttpRequest, handle: Handle) -> HttpResponse:
    if handle.response is None or not handle.response.submitted_at:
        return redirect(handle.url())
    return render(
        request,
        "focusgroups/questionnaires/respond/thanks.html",
        {"questionnaire": handle.questionnaire, "response": handle.response},
    )


@never_cache
def respond_saved(request: HttpRequest, token: str) -> HttpResponse:
    return _saved(request, _personal(token))


@never_cache
def resume_saved(request: HttpRequest, token: str) -> HttpResponse:
    return _saved(request, _resumed(token))


@never_cache
def respond_thanks(request: HttpRequest, token: str) -> HttpResponse:
    return _thanks(request, _personal(token))


@never_cache
def resume_thanks(request: HttpRequest, token: str) -> HttpResponse:
    return _thanks(request, _resumed(token))
