"""Visitors report an error on a place's page; the place's referents are told by e-mail, each in
their language, and deal with the report from the place's page."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from circuito.audit.services import record
from circuito.mail import portal_url, send_mail
from tierslieux.models import Place, PlaceErrorReport
from tierslieux.permissions import can_edit_place

MAX_MESSAGE = 2000


def _notify_referents(report_pk: int) -> None:
    report = PlaceErrorReport.objects.select_related("place").get(pk=report_pk)
    place = report.place
    for referent in place.referents.select_related("user").filter(user__is_active=True):
        user = referent.user
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            url = portal_url(reverse("tierslieux:place_error_reports", args=[place.slug]))
            context = {"place": place, "report": report, "url": url}
            subject = render_to_string("tierslieux/email/error_report_subject.txt", context).strip()
            body = render_to_string("tierslieux/email/error_report_body.txt", context)
        send_mail(f"[CIRCUITO] {subject}", body, None, [user.email], language=language)


@transaction.atomic
def report_place_error(place: Place, *, message: str, email: str = "", language: str) -> PlaceErrorReport:
    """An anonymous visitor's report (the view throttles and filters robots)."""
    message = (message or "").strip()
    if len(message) < 10:
        raise ValidationError(_("Say in a few words what is wrong (at least 10 characters)."))
    if len(message) > MAX_MESSAGE:
        raise ValidationError(_("Keep the report under 2000 characters."))
    if place.status != Place.Status.PUBLISHED:
        raise PermissionDenied
    report = PlaceErrorReport.objects.create(
        place=place, message=message, email=(email or "").strip(), language=language[:2]
    )
    record(None, "tierslieux.place.error_report", place, {"report": report.pk})
    transaction.on_commit(lambda: _notify_referents(report.pk))
    return report


@transaction.atomic
def resolve_error_report(report: PlaceErrorReport, *, actor) -> None:
    if not can_edit_place(actor, report.place):
        raise PermissionDenied
    if report.resolved_at is not None:
        return
    report.resolved_at, report.resolved_by = timezone.now(), actor
    report.save(update_fields=["resolved_at", "resolved_by"])
    record(actor, "tierslieux.place.error_report_resolved", report.place, {"report": report.pk})
