"""E-mails to the people registered for an event, each in their language: the confirmation right
after registering and the reminder the day before, both with the event's .ics file attached."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from circuito.mail import message, portal_url
from tierslieux import ics
from tierslieux.models import Registration


def _send(registration: Registration, template: str) -> None:
    user, event = registration.user, registration.event
    if not user.email or not user.is_active:
        return
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(event_zone(registration)):
        url = portal_url(event.get_absolute_url())
        context = {
            "user": user,
            "event": event,
            "title": event.title,  # modeltranslation: in the active language, with fallback
            "where": ics.event_location(event),
            "url": url,
        }
        subject = render_to_string(f"tierslieux/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"tierslieux/email/{template}_body.txt", context)
        calendar = ics.event_calendar(event, lang=language, url=url, location=context["where"])
    email = message(f"[CIRCUITO] {subject}", body, [user.email], language=language)
    email.attach(f"{event.slug}.ics", calendar, "text/calendar")
    email.send()


def event_zone(registration: Registration):
    """Times in the e-mail as on the spot: Rome for events in Italy, else Paris."""
    event = registration.event
    country = event.place.country if event.place_id else (event.commune.country if event.commune_id else "FR")
    return ZoneInfo("Europe/Rome" if country == "IT" else "Europe/Paris")


def send_registration_confirmation(registration_pk: int) -> None:
    registration = Registration.objects.select_related("event__place", "event__commune", "user").get(pk=registration_pk)
    if registration.status == Registration.Status.REGISTERED:
        _send(registration, "event_registered")


def send_event_reminder(registration: Registration) -> None:
    _send(registration, "event_reminder")
