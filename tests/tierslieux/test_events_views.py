"""Event pages: lists with filters, detail, create/edit, registration, participants' privacy."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    CommuneFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    TerritoryFactory,
    UserFactory,
)
from tests.tierslieux.factories import EventFactory, PlaceFactory
from tierslieux.models import Event, PlaceReferent, Registration
from tierslieux.services.events import register

pytestmark = pytest.mark.django_db


def url(name: str, *args, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse(f"tierslieux:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def test_upcoming_list_filters_and_past_page(client):
    italian = CommuneFactory(
        country="IT",
        department=TerritoryFactory(
            country="IT", code="GE", parent=RegionFactory(country="IT", code="07", name="Liguria")
        ),
    )
    soon = EventFactory(title_fr="Webinaire crédit", kind=Event.Kind.WEBINAR, topic=Event.Topic.FINANCE, online=True)
    genoa = EventFactory(title_fr="Mission Gênes", kind=Event.Kind.MISSION, place=PlaceFactory(commune=italian))
    past = EventFactory(
        title_fr="Ancienne session",
        starts_at=timezone.now() - dt.timedelta(days=30),
        ends_at=timezone.now() - dt.timedelta(days=29),
    )
    EventFactory(title_fr="Brouillon", published=False)
    page = text(client.get(url("event_list")))
    assert soon.title_fr in page and genoa.title_fr in page
    assert past.title_fr not in page and "Brouillon" not in page
    assert genoa.title_fr not in text(client.get(url("event_list") + "?kind=webinar"))
    assert soon.title_fr not in text(client.get(url("event_list") + "?country=IT"))
    assert genoa.title_fr in text(client.get(url("event_list") + "?country=IT"))
    assert genoa.title_fr not in text(client.get(url("event_list") + "?online=yes"))
    assert soon.title_fr not in text(client.get(url("event_list") + "?topic=eu_projects"))
    past_page = text(client.get(url("event_past")))
    assert past.title_fr in past_page and soon.title_fr not in past_page


def test_list_query_count_does_not_grow_with_events(client, django_assert_max_num_queries):
    for _ in range(2):
        register(EventFactory(), user=UserFactory())
    with django_assert_max_num_queries(6) as few:
        client.get(url("event_list"))
    bound = len(few.captured_queries)
    for _ in range(15):
        register(EventFactory(place=PlaceFactory()), user=UserFactory())
    with django_assert_max_num_queries(bound):
        assert client.get(url("event_list")).status_code == 200
    with django_assert_max_num_queries(bound):
        assert client.get(url("event_past")).status_code == 200


def test_detail_in_italian_falls_back_with_marker_and_shows_seats_and_waiting_list(client):
    event = EventFactory(
        title_fr="Session ouverte",
        title_it="",
        description_fr="Une description",
        capacity=1,
        starts_at=dt.datetime(2031, 7, 1, 14, 0, tzinfo=dt.UTC),
    )
    register(event, user=UserFactory())
    register(event, user=UserFactory())
    page = text(client.get(url("event_detail", event.slug, lang="it")))
    assert "Session ouverte" in page and ">FR</span>" in page
    assert "16:00" in page  # 14:00 UTC is 16:00 in Paris (summer)
    assert event.place.get_absolute_url().replace("/fr/", "/it/") in page
    assert "data-waiting" in page
    assert client.get(url("event_detail", EventFactory(published=False).slug)).status_code == 404


def test_register_full_event_shows_the_waiting_number_and_cancel_promotes(client):
    event = EventFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    client.post(url("event_register", event.slug, lang="it"))
    client.force_login(second)
    response = client.post(url("event_register", event.slug), follow=True)
    message = list(response.context["messages"])[-1]
    assert message.level_tag == "warning" and " 1 " in message.message  # number 1 on the waiting list
    assert "data-my-status" in text(response)
    assert Registration.objects.get(user=second).status == Registration.Status.WAITING
    client.force_login(first)
    client.post(url("event_cancel", event.slug))
    assert Registration.objects.get(user=second).status == Registration.Status.REGISTERED


def test_register_closed_event_is_refused_with_a_message(client, user):
    event = EventFactory(registration_open=False)
    client.force_login(user)
    response = client.post(url("event_register", event.slug), follow=True)
    assert response.status_code == 200 and not Registration.objects.exists()
    [message] = list(response.context["messages"])
    assert message.level_tag == "error"


def test_anonymous_is_sent_to_login_on_every_private_event_page(client):
    event = EventFactory()
    for name in ("event_edit", "event_register", "event_cancel", "event_participants"):
        response = (
            client.post(url(name, event.slug))
            if name in ("event_register", "event_cancel")
            else client.get(url(name, event.slug))
        )
        assert response.status_code == 302 and "login" in response.url, name
    assert client.get(url("event_create")).status_code == 302


def test_participants_contact_details_are_for_managers_only(client, django_assert_max_num_queries):
    event = EventFactory()
    manager = MembershipFactory(organisation=event.organiser).user
    people = [register(event, user=UserFactory()).registration for _ in range(3)]
    for visitor in (people[0].user, UserFactory()):  # a participant, an outsider
        client.force_login(visitor)
        assert client.get(url("event_participants", event.slug)).status_code == 403
        assert people[1].user.email not in text(client.get(url("event_detail", event.slug)))
    client.force_login(manager)
    with django_assert_max_num_queries(12) as few:
        page = text(client.get(url("event_participants", event.slug)))
    bound = len(few.captured_queries)
    assert all(p.user.email in page for p in people)
    for _ in range(10):
        register(event, user=UserFactory())
    with django_assert_max_num_queries(bound):
        client.get(url("event_participants", event.slug))


def test_attendance_checkboxes_by_manager(client):
    event = EventFactory()
    manager = MembershipFactory(organisation=event.organiser).user
    came, absent = (register(event, user=UserFactory()).registration for _ in range(2))
    client.force_login(came.user)
    assert client.post(url("event_participants", event.slug), {"attended": [came.pk]}).status_code == 403
    assert not Registration.objects.filter(attended=True).exists()
    client.force_login(manager)
    client.post(url("event_participants", event.slug), {"attended": [came.pk]})
    assert list(Registration.objects.filter(attended=True)) == [came]


def test_create_by_member_referent_or_staff_and_edit_by_managers_only(client, partner_staff):
    org = OrganisationFactory()
    member = MembershipFactory(organisation=org).user
    client.force_login(member)
    assert client.get(url("event_create")).status_code == 200
    data = {
        "kind": "training",
        "topic": "other",
        "title_it": "Corso di prototipazione",
        "organiser": org.pk,
        "starts_at": "2031-05-04T09:00",
        "ends_at": "2031-05-04T12:00",
        "online": "on",
        "registration_open": "on",
        "published": "on",
    }
    response = client.post(url("event_create"), data)
    event = Event.objects.get()
    assert response.status_code == 302 and event.created_by == member
    assert event.starts_at == dt.datetime(2031, 5, 4, 7, 0, tzinfo=dt.UTC)  # typed in Paris time
    assert client.post(url("event_create"), {**data, "ends_at": "2031-05-04T08:00"}).status_code == 400
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(url("event_create")).status_code == 403
    assert client.get(url("event_edit", event.slug)).status_code == 403
    outsider = MembershipFactory().user
    client.force_login(outsider)
    response = client.post(url("event_create"), {**data, "title_it": "Furbo"})
    assert response.status_code == 400 and not Event.objects.filter(title_it="Furbo").exists()
    referent = UserFactory()
    place = PlaceFactory()
    PlaceReferent.objects.create(place=place, user=referent)
    client.force_login(referent)
    response = client.post(
        url("event_create"), {**data, "title_it": "Al fablab", "organiser": place.operator_id, "place": place.pk}
    )
    assert response.status_code == 302
    client.force_login(partner_staff)
    response = client.post(url("event_edit", event.slug), {**data, "title_fr": "Cours de prototypage"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_fr == "Cours de prototypage"
