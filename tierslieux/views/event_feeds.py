"""Public iCalendar feeds of events (all, by territory, by place): what is published, never who
registered. Calendar programs subscribe to these addresses and poll them."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.mail import portal_url
from circuito.translated import current_language
from tierslieux import ics
from tierslieux.forms_events import FeedFilterForm
from tierslieux.models import Event
from tierslieux.permissions import get_place

# Recent past events stay in the feed a while (calendars drop what vanishes), up to a cap.
KEEP_PAST = timedelta(days=30)
MAX_EVENTS = 500


def _feed(events, name: str) -> HttpResponse:
    since = timezone.now() - KEEP_PAST
    events = events.filter(published=True, ends_at__gte=since).select_related("place", "commune")
    lang = current_language()
    text = ics.feed_calendar(
        events.order_by("starts_at")[:MAX_EVENTS],
        lang=lang,
        name=name,
        url_of=lambda event: portal_url(event.get_absolute_url()),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="circuito-events.ics"'
    return response


def events_feed(request: HttpRequest) -> HttpResponse:
    """All published events, or those of a territory (?country=FR, ?region=<id>, ?department=<id>)."""
    form = FeedFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return HttpResponseBadRequest(_("Unknown territory: use country=FR or IT, or a region or department id."))
    events = form.filter(Event.objects.all()) if form.is_bound else Event.objects.all()
    return _feed(events, _("CIRCUITO events"))


def place_events_feed(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user).place
    return _feed(Event.objects.filter(place=place), _("Events at %(place)s") % {"place": place.name})
