"""Who may see and change templates and sessions: the one place, used by pages, the API and exports.

- A study's coordinator is the partner leading the activity: its staff (directly or through an
  implementing body) write the templates, see every session of the study and validate them.
- Partner staff see published templates read-only, and edit their own partner's sessions while
  those are planned, held or returned; other partners' sessions are 404 to them.
- Superusers may do everything; anyone else (companies, the public) is refused.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from circuito.accounts import roles
from focusgroups.models import (
    Participant,
    Questionnaire,
    QuestionTemplate,
    Response,
    Session,
    Study,
    TemplateVersion,
)

partner_ids = roles.partner_ids  # the project partners the user works for


def is_staff_member(user) -> bool:
    """Partner staff or superuser: the only people who see the app's private pages."""
    return user.is_authenticated and (user.is_superuser or bool(partner_ids(user)))


def require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def is_coordinator(user, study: Study) -> bool:
    return user.is_authenticated and (user.is_superuser or study.coordinator_id in partner_ids(user))


def coordinated_studies(user) -> QuerySet[Study]:
    if user.is_authenticated and user.is_superuser:
        return Study.objects.all()
    return Study.objects.filter(coordinator_id__in=partner_ids(user))


# Templates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateAccess:
    template: QuestionTemplate
    can_edit: bool


def visible_templates(user) -> QuerySet[QuestionTemplate]:
    """Templates of the studies the user coordinates, plus every template with a published version."""
    if not is_staff_member(user):
        return QuestionTemplate.objects.none()
    if user.is_superuser:
        return QuestionTemplate.objects.all()
    published = TemplateVersion.objects.exclude(status=TemplateVersion.Status.DRAFT).values("template")
    return QuestionTemplate.objects.filter(Q(study__coordinator_id__in=partner_ids(user)) | Q(pk__in=published))


def get_template(pk: int, user, *, edit: bool = False) -> TemplateAccess:
    require_staff(user)
    template = QuestionTemplate.objects.select_related("study__coordinator").filter(pk=pk).first()
    if template is None:
        raise Http404
    editable = is_coordinator(user, template.study)
    if not editable and not template.versions.exclude(status=TemplateVersion.Status.DRAFT).exists():
        raise Http404
    if edit and not editable:
        raise PermissionDenied
    return TemplateAccess(template, editable)


def visible_versions(user, template: QuestionTemplate) -> QuerySet[TemplateVersion]:
    versions = template.versions.all()
    if not is_coordinator(user, template.study):
        versions = versions.exclude(status=TemplateVersion.Status.DRAFT)
    return versions


# Sessions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionAccess:
    session: Session
    can_edit: bool  # the organising partner, while the session is not with the coordinator
    is_organiser: bool
    is_coordinator: bool  # may validate or return it


def visible_sessions(user) -> QuerySet[Session]:
    if not is_staff_member(user):
        return Session.objects.none()
    if user.is_superuser:
        return Session.objects.all()
    ids = partner_ids(user)
    return Session.objects.filter(Q(organiser_id__in=ids) | Q(study__coordinator_id__in=ids))


def session_access(user, session: Session) -> SessionAccess:
    organiser = user.is_authenticated and (user.is_superuser or session.organiser_id in partner_ids(user))
    coordinator = is_coordinator(user, session.study)
    if not (organiser or coordinator):
        raise Http404
    return SessionAccess(session, bool(organiser and session.is_editable), bool(organiser), coordinator)


def get_session(pk: int, user, *, edit: bool = False) -> SessionAccess:
    """404 for a session the user may not see, 403 for changing one that is not editable by them."""
    require_staff(user)
    session = (
        Session.objects.select_related(
            "study__coordinator", "template_version__template", "organiser", "region", "department", "nace"
        )
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    access = session_access(user, session)
    if edit and not access.can_edit:
        raise PermissionDenied
    return access


def get_participant(pk: int, user, *, edit: bool = False) -> tuple[Participant, SessionAccess]:
    participant = Participant.objects.filter(pk=pk).only("pk", "session_id").first()
    if participant is None:
        raise Http404
    access = get_session(participant.session_id, user, edit=edit)
    participant = Participant.objects.select_related("consent_text").get(pk=pk)
    participant.session = access.session
    return participant, access


def may_create_session(user) -> bool:
    return is_staff_member(user)


# Questionnaires ------------------------------------------------------------------------------
# Only the coordinator of the questionnaire's study (and superusers) manage it and read its
# responses; respondents need no account: holding the link's token is their permission.


def visible_questionnaires(user) -> QuerySet[Questionnaire]:
    if not is_staff_member(user):
        return Questionnaire.objects.none()
    if user.is_superuser:
        return Questionnaire.objects.all()
    return Questionnaire.objects.filter(study__coordinator_id__in=partner_ids(user))


def may_create_questionnaire(user) -> bool:
    return is_staff_member(user) and coordinated_studies(user).exists()


def get_questionnaire(pk: int, user) -> Questionnaire:
    """The questionnaire if the user coordinates its study: 403 for people outside the partnership,
    404 for other partners' staff (they do not learn it exists)."""
    require_staff(user)
    questionnaire = (
        Questionnaire.objects.select_related("study__coordinator", "template_version__template", "organiser")
        .filter(pk=pk)
        .first()
    )
    if questionnaire is None or not is_coordinator(user, questionnaire.study):
        raise Http404
    return questionnaire


def get_questionnaire_response(pk: int, user) -> Response:
    response = Response.objects.filter(pk=pk).only("pk", "questionnaire_id").first()
    if response is None:
        raise Http404
    questionnaire = get_questionnaire(response.questionnaire_id, user)
    response = Response.objects.select_related("invitation", "territory").get(pk=pk)
    response.questionnaire = questionnaire
    return response
