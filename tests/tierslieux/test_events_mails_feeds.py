"""After registering, each person gets a confirmation with the .ics file, and a reminder the day
before, in their language; public iCalendar feeds list events (all, by territory, by place)
without any participant data."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import UserFactory
from tests.tierslieux.factories import EventFactory, PlaceFactory
from tests.tierslieux.factories_places import cuneo, nice
from tierslieux.models import Place, Registration
from tierslieux.services.events import register
from tierslieux.tasks_events import send_event_reminders

pytestmark = pytest.mark.django_db


def _in(lang: str, msgid: str, **params) -> str:
    with translation.override(lang):
        return gettext(msgid) % params if params else gettext(msgid)


def test_registering_sends_a_confirmation_with_the_ics_in_the_persons_language(django_capture_on_commit_callbacks):
    event = EventFactory(title_fr="Atelier impression 3D", title_it="Laboratorio stampa 3D")
    italian = UserFactory(preferred_language="it", email="anna@example.it")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, user=italian)
    [message] = mail.outbox
    assert message.to == ["anna@example.it"] and "Laboratorio stampa 3D" in message.subject
    assert _in("it", "Your registration for “%(title)s” is confirmed.", title="Laboratorio stampa 3D") in message.body
    [(name, calendar, content_type)] = message.attachments
    assert name == f"{event.slug}.ics" and content_type == "text/calendar"
    assert "SUMMARY:Laboratorio stampa 3D" in calendar and "BEGIN:VEVENT" in calendar


def test_nobody_on_the_waiting_list_is_told_they_are_registered(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    register(event, user=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        register(event, user=UserFactory())
    assert mail.outbox == []


def _tomorrow_at(hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_the_day_before_each_registered_person_is_reminded_once_in_their_language():
    tomorrow = EventFactory(title_fr="Rencontre B2B", title_it="Incontro B2B", starts_at=_tomorrow_at(14))
    later = EventFactory(starts_at=_tomorrow_at(14) + dt.timedelta(days=2))
    fr_user, it_user = UserFactory(preferred_language="fr"), UserFactory(preferred_language="it")
    Registration.objects.create(event=tomorrow, user=fr_user)
    Registration.objects.create(event=tomorrow, user=it_user)
    Registration.objects.create(event=tomorrow, user=UserFactory(), status=Registration.Status.CANCELLED)
    Registration.objects.create(event=tomorrow, user=UserFactory(), status=Registration.Status.WAITING)
    Registration.objects.create(event=later, user=UserFactory())
    assert send_event_reminders() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {fr_user.email, it_user.email}
    assert "Rencontre B2B" in by_recipient[fr_user.email].subject
    assert "Incontro B2B" in by_recipient[it_user.email].subject
    assert by_recipient[it_user.email].attachments[0][0].endswith(".ics")
    assert send_event_reminders() == 0 and len(mail.outbox) == 2  # safe to run again


def _feed(client, name: str, *args, **params):
    response = client.get(reverse(f"tierslieux:{name}", args=args), params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return response.content.decode()


def test_feeds_list_published_events_by_territory_and_place_without_participants(client):
    nice_place = PlaceFactory(commune=nice())
    cuneo_place = PlaceFactory(commune=cuneo())
    at_nice = EventFactory(place=nice_place, title_fr="Nice Open Lab")
    at_cuneo = EventFactory(place=cuneo_place, title_fr="Cuneo Agrifood Day")
    EventFactory(place=nice_place, title_fr="Brouillon secret", published=False)
    EventFactory(place=nice_place, title_fr="Vieux", starts_at=timezone.now() - dt.timedelta(days=90))
    Registration.objects.create(event=at_nice, user=UserFactory(email="private.person@example.org"))
    everything = _feed(client, "events_feed")
    assert "Nice Open Lab" in everything and "Cuneo Agrifood Day" in everything
    assert "Brouillon secret" not in everything and "Vieux" not in everything
    assert "private.person" not in everything and "ATTENDEE" not in everything
    assert everything.count("BEGIN:VEVENT") == 2
    italy = _feed(client, "events_feed", country="IT")
    assert "Cuneo Agrifood Day" in italy and "Nice Open Lab" not in italy
    province = _feed(client, "events_feed", department=cuneo_place.department_id)
    assert "Cuneo Agrifood Day" in province and "Nice Open Lab" not in province
    place_feed = _feed(client, "place_events_feed", nice_place.slug)
    assert "Nice Open Lab" in place_feed and "Cuneo Agrifood Day" not in place_feed
    assert f"event-{at_cuneo.pk}@" not in place_feed
    assert client.get(reverse("tierslieux:events_feed"), {"department": "999999"}).status_code == 400
    draft = PlaceFactory(status=Place.Status.DRAFT)
    assert client.get(reverse("tierslieux:place_events_feed", args=[draft.slug])).status_code == 404


def test_feed_query_count_is_constant(client, django_assert_max_num_queries):
    EventFactory()
    with django_assert_max_num_queries(10) as few:
        _feed(client, "events_feed")
    for _ in range(15):
        EventFactory(place=PlaceFactory(commune=nice()))
    with django_assert_max_num_queries(len(few.captured_queries)):
        _feed(client, "events_feed")
