"""Who may generate, follow and download reports: lead partner staff (and superusers) only.
Partners see their own data on the reporting pages; outsiders see nothing. Used by the report
pages, the API, the job and the downloads."""

from django.http import Http404

from reporting import permissions
from reporting.models import Report


def can_manage_reports(user) -> bool:
    return permissions.is_lead(user)


def require_reports(user) -> None:
    """PermissionDenied (403) unless the user is lead partner staff."""
    permissions.require_lead(user)


def visible_reports(user):
    require_reports(user)
    return Report.objects.select_related("created_by", "job")


def get_report(pk: int, user) -> Report:
    """The report, or 403 for anyone but lead partner staff, 404 when it does not exist."""
    report = visible_reports(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def can_access_job(user, job) -> bool:
    """A report's job page and file: any lead partner staff member, not only its author."""
    return permissions.is_lead(user)
