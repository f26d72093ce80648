"""Periodic task of equipment booking: the reminder the day before."""

from datetime import datetime, time, timedelta

from celery import shared_task
from django.utils import timezone

from tierslieux import booking_mails
from tierslieux.models import Booking


@shared_task(name="tierslieux.tasks_booking.send_booking_reminders")
def send_booking_reminders() -> int:
    """Remind confirmed bookings starting tomorrow, local time (France and Italy share one time
    zone), once: a booking is claimed with a conditional update, so two runs never both send it.
    Returns the number of bookings reminded."""
    now = timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time.min))
    end = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min))
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, reminded_at__isnull=True, starts_at__gte=start, starts_at__lt=end
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        if not Booking.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        booking_mails.booking_reminder(pk)
        count += 1
    return count
