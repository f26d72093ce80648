"""API of events, registrations and B2B: same rules as the pages."""

import datetime as dt

import pytest
from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from circuito import urls as project_urls
from tests.factories import MembershipFactory, UserFactory
from tests.tierslieux.factories import EventFactory
from tests.tierslieux.factories_events import b2b_event, participant
from tierslieux.api.events import register
from tierslieux.models import B2BRequest, Registration
from tierslieux.services import b2b
from tierslieux.services.events import register as register_to

router = DefaultRouter()
register(router)
urlpatterns = [path("test-api/", include(router.urls)), *project_urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
EVENTS = "/test-api/events/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def test_published_events_for_everybody_with_constant_queries(django_assert_max_num_queries):
    EventFactory(title_fr="Visible")
    hidden = EventFactory(published=False)
    with django_assert_max_num_queries(5) as few:
        data = api().get(EVENTS).json()
    bound = len(few.captured_queries)
    assert [e["title_fr"] for e in data["results"]] == ["Visible"]
    assert api().get(f"{EVENTS}{hidden.slug}/").status_code == 404
    for _ in range(10):
        register_to(EventFactory(), user=UserFactory())
    with django_assert_max_num_queries(bound):
        assert api().get(EVENTS).json()["count"] == 11


def test_register_waiting_list_cancel_and_my_registrations():
    event = EventFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    assert api().post(f"{EVENTS}{event.slug}/register/").status_code in (401, 403)
    assert api(first).post(f"{EVENTS}{event.slug}/register/").json()["status"] == "registered"
    waiting = api(second).post(f"{EVENTS}{event.slug}/register/").json()
    assert waiting["status"] == "waiting" and waiting["waiting_position"] == 1
    assert api(second).post(f"{EVENTS}{event.slug}/register/").status_code == 400
    assert api(first).post(f"{EVENTS}{event.slug}/cancel/").status_code == 204
    mine = api(second).get("/test-api/registrations/").json()["results"]
    assert [r["status"] for r in mine] == ["registered"]
    assert api(first).get("/test-api/registrations/").json()["results"][0]["status"] == "cancelled"
    assert api().get("/test-api/registrations/").status_code in (401, 403)


def test_participants_with_emails_for_managers_only():
    event = EventFactory()
    manager = MembershipFactory(organisation=event.organiser).user
    people = [register_to(event, user=UserFactory()).registration for _ in range(2)]
    for visitor in (people[0].user, UserFactory()):
        assert api(visitor).get(f"{EVENTS}{event.slug}/participants/").status_code == 404
    assert api().get(f"{EVENTS}{event.slug}/participants/").status_code in (401, 403)
    rows = api(manager).get(f"{EVENTS}{event.slug}/participants/").json()["results"]
    assert {r["email"] for r in rows} == {p.user.email for p in people}
    assert "email" not in str(api().get(f"{EVENTS}{event.slug}/").json())


def test_b2b_profiles_requests_answers_and_schedule_for_participants():
    event, manager = b2b_event()
    a, b = participant(event), participant(event)
    outsider = UserFactory()
    for who in (outsider, None):
        for tail in ("b2b-profiles/", "b2b-schedule/"):
            assert api(who).get(f"{EVENTS}{event.slug}/{tail}").status_code in (401, 403, 404)
    profiles = api(a.user).get(f"{EVENTS}{event.slug}/b2b-profiles/").json()["results"]
    assert {p["registration"] for p in profiles} == {a.pk, b.pk} and "email" not in str(profiles)
    created = api(a.user).post("/test-api/b2b-requests/", {"event": event.slug, "invitee": b.pk, "message": "Ciao"})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api(outsider).post("/test-api/b2b-requests/", {"event": event.slug, "invitee": b.pk}).status_code == 403
    assert api(outsider).get(f"/test-api/b2b-requests/{pk}/").status_code == 404
    assert api(a.user).post(f"/test-api/b2b-requests/{pk}/answer/", {"accept": True}).status_code == 403
    assert api(b.user).post(f"/test-api/b2b-requests/{pk}/answer/", {"accept": True}).json()["status"] == "accepted"
    b2b.generate_slots(event, actor=manager, day=dt.date(2031, 6, 10), start=dt.time(14), end=dt.time(15), minutes=20)
    b2b.build_schedule(event, actor=manager)
    seats = api(a.user).get(f"{EVENTS}{event.slug}/b2b-schedule/").json()
    assert len(seats) == 1 and seats[0]["with_registration"] == b.pk and seats[0]["table"] == 1
    assert B2BRequest.objects.get().status == "accepted" and Registration.objects.count() == 2


def test_my_lists_keep_a_constant_number_of_queries(django_assert_max_num_queries):
    event, _manager = b2b_event()
    me = participant(event)
    others = [participant(event)]
    b2b.request_meeting(event, requester=me.user, invitee=others[0])
    lists = [
        "/test-api/registrations/",
        "/test-api/b2b-requests/",
        f"{EVENTS}{event.slug}/b2b-profiles/",
    ]
    bounds = {}
    for target in lists:
        with django_assert_max_num_queries(12) as few:
            assert api(me.user).get(target).status_code == 200
        bounds[target] = len(few.captured_queries)
    for _ in range(6):
        other = participant(event)
        b2b.request_meeting(event, requester=other.user, invitee=me)
        register_to(EventFactory(), user=me.user)
        full = EventFactory(capacity=1)
        register_to(full, user=UserFactory())
        register_to(full, user=UserFactory())
        register_to(full, user=me.user)  # number 2 on the waiting list
    for target in lists:
        with django_assert_max_num_queries(bounds[target]):
            assert api(me.user).get(target).status_code == 200
    mine = api(me.user).get("/test-api/registrations/").json()["results"]
    assert {r["waiting_position"] for r in mine if r["status"] == "waiting"} == {2}


def _event_payload(organiser, **extra) -> dict:
    return {
        "kind": "training",
        "topic": "finance",
        "title_it": "Accesso al credito per le PMI",
        "organiser": organiser.pk,
        "starts_at": "2031-05-04T09:00:00+02:00",
        "ends_at": "2031-05-04T12:00:00+02:00",
        "online": True,
        "published": True,
        **extra,
    }


def test_members_of_the_organiser_create_and_change_events_like_on_the_pages():
    from tests.factories import CommuneFactory, OrganisationFactory

    org = OrganisationFactory()
    member = MembershipFactory(organisation=org).user
    commune = CommuneFactory(name="Cuneo", country="IT")
    response = api(member).post(EVENTS, _event_payload(org, online=False, commune=commune.pk), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["commune"] == "Cuneo" and created["created_at"]
    slug = created["slug"]
    changed = api(member).patch(f"{EVENTS}{slug}/", {"capacity": 12, "title_fr": "Crédit"}, format="json")
    assert changed.status_code == 200 and changed.json()["capacity"] == 12
    assert changed.json()["title_fr"] == "Crédit"
    bad = api(member).patch(f"{EVENTS}{slug}/", {"ends_at": "2031-05-04T08:00:00+02:00"}, format="json")
    assert bad.status_code == 400 and "ends_at" in bad.json()


def test_outsiders_and_anonymous_cannot_create_or_change_events():
    from tests.factories import OrganisationFactory

    org = OrganisationFactory()
    outsider = MembershipFactory().user
    assert api().post(EVENTS, _event_payload(org), format="json").status_code in (401, 403)
    assert api(outsider).post(EVENTS, _event_payload(org), format="json").status_code == 403
    published, draft = EventFactory(organiser=org), EventFactory(organiser=org, published=False)
    assert api().patch(f"{EVENTS}{published.slug}/", {"capacity": 1}, format="json").status_code in (401, 403)
    assert api(outsider).patch(f"{EVENTS}{published.slug}/", {"capacity": 1}, format="json").status_code == 403
    assert api(outsider).patch(f"{EVENTS}{draft.slug}/", {"capacity": 1}, format="json").status_code == 404
    published.refresh_from_db()
    assert published.capacity == 30
