"""Periodic task of the events area: the day-before reminder."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from tierslieux.event_mails import send_event_reminder
from tierslieux.models import Registration


@shared_task
def send_event_reminders() -> int:
    """E-mail everyone registered for an event that starts tomorrow (local date), once each, in
    their language. Safe to run often and twice at once: each registration is claimed by a
    conditional update before its mail goes. Returns the number of reminders sent."""
    now = timezone.localtime()
    tomorrow = now.date() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    end = start + dt.timedelta(days=1)
    due = (
        Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            reminded_at__isnull=True,
            event__published=True,
            event__starts_at__gte=max(start, now),
            event__starts_at__lt=end,
        )
        .select_related("event__place", "event__commune", "user")
        .order_by("pk")
    )
    sent = 0
    for registration in due:
        if not Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue  # another run took it
        send_event_reminder(registration)
        sent += 1
    return sent
