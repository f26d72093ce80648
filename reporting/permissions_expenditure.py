"""Who may see and change expenditure and monitoring forms: the one place, used by the pages,
the API and the document download.

- A partner's staff (the partner's own members and its implementing bodies') record, edit and
  declare the partner's expenditure and fill its monitoring forms.
- Draft expenditure lines and draft monitoring forms are seen by that partner's staff only:
  never by other partners, not even by the lead partner (drafts are work in progress).
- Lead partner staff (and superusers) see every declared line and every submitted form, edit
  budgets and co-financing rates, and reopen submitted forms.
- Anyone else (outsiders) gets 403; unknown partners or lines 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from circuito.accounts.models import Organisation
from reporting.models import ExpenditureLine, MonitoringReport
from reporting.permissions import is_lead, partner_ids, require_staff


def project_partners() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("partner_code")


def get_partner(code: str, user) -> tuple[Organisation, bool]:
    """The partner named by its charter code, and whether the user works for it (may record its
    expenditure and fill its forms). Other partners' pages are open to lead partner staff only."""
    require_staff(user)
    partner = project_partners().filter(partner_code=code).first()
    if partner is None:
        raise Http404
    own = partner.pk in partner_ids(user)
    if not own and not is_lead(user):
        raise PermissionDenied
    return partner, own


def visible_partners(user) -> QuerySet[Organisation]:
    """All partners for lead partner staff, the user's own otherwise."""
    require_staff(user)
    partners = project_partners()
    return partners if is_lead(user) else partners.filter(pk__in=partner_ids(user))


def visible_lines(user) -> QuerySet[ExpenditureLine]:
    """Lines the user may read: every declared line for the lead partner, and their own
    partner's lines (drafts included)."""
    require_staff(user)
    own = Q(partner_id__in=partner_ids(user))
    if is_lead(user):
        return ExpenditureLine.objects.filter(own | Q(status=ExpenditureLine.Status.DECLARED))
    return ExpenditureLine.objects.filter(own)


def get_line(pk: int, user, *, edit: bool = False) -> ExpenditureLine:
    """A line the user may read (404 otherwise, so a draft's existence is not revealed); with
    `edit`, only a draft of the user's own partner."""
    line = visible_lines(user).select_related("partner", "entered_by_organisation").filter(pk=pk).first()
    if line is None:
        raise Http404
    if edit and (line.partner_id not in partner_ids(user) or line.status != ExpenditureLine.Status.DRAFT):
        raise PermissionDenied
    return line


def visible_reports(user) -> QuerySet[MonitoringReport]:
    """Monitoring forms the user may read: their own partner's, and every submitted one for the
    lead partner."""
    require_staff(user)
    own = Q(partner_id__in=partner_ids(user))
    if is_lead(user):
        return MonitoringReport.objects.filter(own | Q(status=MonitoringReport.Status.SUBMITTED))
    return MonitoringReport.objects.filter(own)


def entering_organisation(user, partner: Organisation) -> Organisation:
    """The organisation through which the user acts for `partner`: the partner itself when they
    are its member, else the implementing body."""
    from circuito.accounts import roles

    orgs = list(
        roles.active_organisations(user).filter(
            Q(pk=partner.pk) | Q(kind=Organisation.Kind.IMPLEMENTING_BODY, delegating_partner=partner)
        )
    )
    for org in orgs:
        if org.pk == partner.pk:
            return org
    return orgs[0] if orgs else partner
