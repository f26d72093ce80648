"""Who may see and change reporting data: the one place, used by pages, the API and downloads.

- Only project partner staff (partners and their implementing bodies) see reporting pages;
  outsiders get 403, anonymous visitors are sent to the login page by the views.
- Lead partner staff (and superusers) see and edit everything: structure, meetings, minutes.
- Partner staff record evidence for their own partner; they see meetings and approved minutes,
  never draft minutes.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from circuito.accounts import roles
from reporting.models import Deliverable, DeliverableEvidence, Meeting


def is_staff_member(user) -> bool:
    """Partner staff or superuser: may open the reporting workspace."""
    return user.is_authenticated and (user.is_superuser or roles.is_partner_staff(user))


def is_lead(user) -> bool:
    return user.is_authenticated and (user.is_superuser or roles.is_lead_partner_staff(user))


def require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def require_lead(user) -> None:
    if not is_lead(user):
        raise PermissionDenied


partner_ids = roles.partner_ids  # the project partners the user works for


def evidence_partner_choices(user):
    """Partners the user may record evidence for: all for the lead partner, else their own."""
    from circuito.accounts.models import Organisation

    partners = Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("partner_code")
    return partners if is_lead(user) else partners.filter(pk__in=partner_ids(user))


# --- structure ---------------------------------------------------------------------------------


def get_deliverable(pk: int, user, *, edit: bool = False) -> Deliverable:
    require_staff(user)
    deliverable = Deliverable.objects.select_related("activity__work_package", "responsible").filter(pk=pk).first()
    if deliverable is None:
        raise Http404
    if edit:
        require_lead(user)
    return deliverable


def can_add_evidence(user, deliverable: Deliverable) -> bool:
    return deliverable.is_manual and is_staff_member(user) and (is_lead(user) or bool(partner_ids(user)))


def get_evidence(pk: int, user, *, edit: bool = False) -> DeliverableEvidence:
    """Every partner's staff see evidence (it proves shared deliverables); only the lead partner
    and the evidence's own partner change it."""
    require_staff(user)
    evidence = DeliverableEvidence.objects.select_related("deliverable__activity", "partner").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    if edit and not (is_lead(user) or evidence.partner_id in partner_ids(user)):
        raise PermissionDenied
    return evidence


# --- committees --------------------------------------------------------------------------------


def visible_meetings(user) -> QuerySet[Meeting]:
    require_staff(user)
    return Meeting.objects.all()


def can_see_minutes(user, meeting: Meeting) -> bool:
    return is_staff_member(user) and (meeting.is_approved or is_lead(user))


def get_meeting(pk: int, user, *, edit: bool = False) -> Meeting:
    require_staff(user)
    meeting = Meeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if edit:
        require_lead(user)
    return meeting
