"""B2B pages: who may see them, the directory without e-mails, requests, slots and schedule."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.tierslieux.factories_events import b2b_event, participant
from tierslieux.models import B2BMeeting, B2BRequest, B2BSlot
from tierslieux.services import b2b

pytestmark = pytest.mark.django_db
PAGES = ("b2b_directory", "b2b_profile", "b2b_slots", "b2b_schedule")


def url(name: str, *args, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse(f"tierslieux:{name}", args=args)


def scene(n: int = 3):
    event, manager = b2b_event()
    people = [participant(event) for _ in range(n)]
    return event, manager, people


def accepted(event, a, b) -> B2BRequest:
    return b2b.answer_request(b2b.request_meeting(event, requester=a.user, invitee=b), actor=b.user, accept=True)


def test_anonymous_goes_to_login_and_outsider_is_refused_everywhere(client):
    event, manager, (a, b, _c) = scene()
    request = accepted(event, a, b)
    gets = [url(name, event.slug) for name in PAGES]
    posts = [
        url("b2b_request", event.slug),
        url("b2b_build", event.slug),
        url("b2b_answer", request.pk),
        url("b2b_book", request.pk),
    ]
    for target in gets + posts:
        response = client.post(target) if target in posts else client.get(target)
        assert response.status_code == 302 and "login" in response.url, target
    client.force_login(UserFactory())
    for target in gets + posts:
        response = client.post(target, {"invitee": a.pk, "slot": 0}) if target in posts else client.get(target)
        assert response.status_code in (403, 404), target
    assert not B2BRequest.objects.exclude(pk=request.pk).exists()


def test_participants_cannot_use_manager_pages_and_managers_have_no_schedule_of_their_own(client):
    event, manager, (a, _b, _c) = scene()
    client.force_login(a.user)
    assert client.get(url("b2b_slots", event.slug)).status_code == 403
    assert client.post(url("b2b_build", event.slug)).status_code == 403
    client.force_login(manager)
    assert client.get(url("b2b_directory", event.slug)).status_code == 200
    assert client.get(url("b2b_schedule", event.slug)).status_code == 403


def test_directory_shows_profiles_without_emails_and_lets_participants_request_and_answer(
    client, django_assert_max_num_queries
):
    event, _manager, (a, b, c) = scene()
    client.force_login(a.user)
    with django_assert_max_num_queries(20) as few:
        page = client.get(url("b2b_directory", event.slug)).content.decode()
    bound = len(few.captured_queries)
    assert b.b2b_profile.summary in page and c.b2b_profile.summary in page
    assert b.user.email not in page and c.user.email not in page
    client.post(url("b2b_request", event.slug), {"invitee": b.pk, "message": "Parliamo di sensori"})
    request = B2BRequest.objects.get()
    assert request.requester == a and request.message == "Parliamo di sensori"
    client.post(url("b2b_answer", request.pk), {"accept": "1"})  # not the invitee: nothing happens
    request.refresh_from_db()
    assert request.status == B2BRequest.Status.PENDING
    client.force_login(b.user)
    client.post(url("b2b_answer", request.pk), {"accept": "1"})
    request.refresh_from_db()
    assert request.status == B2BRequest.Status.ACCEPTED
    for _ in range(10):
        participant(event)
    client.force_login(a.user)
    with django_assert_max_num_queries(bound):
        client.get(url("b2b_directory", event.slug))


def test_manager_generates_slots_builds_schedule_and_taken_slot_is_refused(client, django_assert_max_num_queries):
    event, manager, (a, b, c) = scene()
    first, second = accepted(event, a, b), accepted(event, c, b)
    client.force_login(manager)
    response = client.post(
        url("b2b_slots", event.slug), {"day": "2031-06-10", "start": "14:00", "end": "16:00", "minutes": 20}
    )
    assert response.status_code == 302 and B2BSlot.objects.filter(event=event).count() == 6
    assert (
        client.post(
            url("b2b_slots", event.slug), {"day": "2031-06-10", "start": "16:00", "end": "14:00", "minutes": 20}
        ).status_code
        == 400
    )
    slot = B2BSlot.objects.order_by("starts_at").first()
    client.post(url("b2b_book", first.pk), {"slot": slot.pk})
    response = client.post(url("b2b_book", second.pk), {"slot": slot.pk}, follow=True)
    message = list(response.context["messages"])[-1]
    assert message.level_tag == "error" and str(b.user) in message.message
    assert not second.seats.exists()
    client.post(url("b2b_build", event.slug))
    assert second.seats.exclude(slot=slot).count() == 2
    with django_assert_max_num_queries(20) as few:
        assert client.get(url("b2b_slots", event.slug)).status_code == 200
    bound = len(few.captured_queries)
    more = [participant(event) for _ in range(6)]
    for x, y in zip(more[::2], more[1::2], strict=True):
        accepted(event, x, y)
    client.post(url("b2b_build", event.slug))
    with django_assert_max_num_queries(bound):
        client.get(url("b2b_slots", event.slug))


def test_schedule_page_lists_my_meetings_by_time_with_the_other_party(client, django_assert_max_num_queries):
    event, manager, (a, b, c) = scene()
    accepted(event, a, b)
    accepted(event, c, a)
    b2b.generate_slots(event, actor=manager, day=dt.date(2031, 6, 10), start=dt.time(14), end=dt.time(15), minutes=20)
    b2b.build_schedule(event, actor=manager)
    client.force_login(a.user)
    with django_assert_max_num_queries(15):
        page = client.get(url("b2b_schedule", event.slug, lang="it")).content.decode()
    assert page.index("14:00") < page.index("14:20")
    assert b.user.get_full_name() in page and c.user.get_full_name() in page
    assert b.b2b_profile.summary in page
    assert b.user.email not in page
    assert B2BMeeting.objects.filter(participant=a).count() == 2
