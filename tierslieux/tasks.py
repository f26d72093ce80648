"""Periodic tasks of the places area."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from circuito.audit.services import record
from circuito.mail import send_mail
from tierslieux.models import Place

STALE_AFTER = timedelta(days=183)
REMIND_EVERY = timedelta(days=30)


@shared_task
def remind_stale_referents() -> int:
    """E-mail the referents of published places not verified for 6 months, each in their
    language, at most once every 30 days per place. Returns the number of places reminded."""
    now = timezone.now()
    places = (
        Place.objects.filter(status=Place.Status.PUBLISHED, referents__isnull=False)
        .filter(Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=now - STALE_AFTER))
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_EVERY))
        .distinct()
        .prefetch_related("referents__user")
    )
    count = 0
    for place in places:
        # Claimed first with a conditional update, so that two concurrent runs never both mail it.
        if not Place.objects.filter(pk=place.pk, reminded_at=place.reminded_at).update(reminded_at=now):
            continue
        record(None, "tierslieux.place.remind", place, {"reminded_at": [place.reminded_at, now]})
        count += 1
        for referent in place.referents.all():
            user = referent.user
            if not user.is_active or not user.email:
                continue
            with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
                context = {"place": place, "user": user, "url": settings.SITE_URL + place.get_absolute_url()}
                subject = render_to_string("tierslieux/email/referent_reminder_subject.txt", context).strip()
                body = render_to_string("tierslieux/email/referent_reminder_body.txt", context)
            send_mail(
                f"[CIRCUITO] {subject}",
                body,
                None,
                [user.email],
                language=user.preferred_language or settings.LANGUAGE_CODE,
            )
    return count


from tierslieux.tasks_alerts import send_alert_digests  # noqa: E402, F401  (Celery finds tasks in `tasks` modules)
from tierslieux.tasks_booking import send_booking_reminders  # noqa: E402, F401
from tierslieux.tasks_events import send_event_reminders  # noqa: E402, F401
