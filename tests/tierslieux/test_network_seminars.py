"""Referent training seminars: partner staff record them; the list counts held and trained."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import UserFactory
from tests.tierslieux.factories_network import PartnerFactory, ReferentFactory, SeminarFactory
from tierslieux.models import Seminar

pytestmark = pytest.mark.django_db


def test_partner_staff_records_a_seminar_with_referents(client, partner_staff):
    referents = [ReferentFactory().user for _ in range(2)]
    organiser = PartnerFactory()
    client.force_login(partner_staff)
    data = {
        "title": "Animer un tiers-lieu",
        "date": "2026-03-10",
        "location": "Gap",
        "trainer": "Luca Rossi",
        "organiser": organiser.pk,
        "attendees": [u.pk for u in referents],
    }
    response = client.post(reverse("tierslieux:seminar_create"), data)
    assert response.status_code == 302
    seminar = Seminar.objects.get()
    assert set(seminar.attendees.all()) == set(referents)


def test_only_referents_can_be_attendees(client, partner_staff):
    stranger = UserFactory()
    client.force_login(partner_staff)
    data = {
        "title": "Séminaire",
        "date": "2026-03-10",
        "location": "Gap",
        "trainer": "Luca Rossi",
        "organiser": PartnerFactory().pk,
        "attendees": [stranger.pk],
    }
    response = client.post(reverse("tierslieux:seminar_create"), data)
    assert response.status_code == 200
    assert not Seminar.objects.exists()


def test_place_or_location_is_required(client, partner_staff):
    client.force_login(partner_staff)
    data = {"title": "S", "date": "2026-03-10", "trainer": "T", "organiser": PartnerFactory().pk}
    response = client.post(reverse("tierslieux:seminar_create"), data)
    expected = gettext("Choose the place where the seminar was held or write its location.")
    assert escape(expected) in response.content.decode()
    assert not Seminar.objects.exists()


def test_list_shows_held_of_planned_and_referents_trained(client, partner_staff):
    first, second = ReferentFactory().user, ReferentFactory().user
    SeminarFactory().attendees.set([first, second])
    SeminarFactory().attendees.set([first])  # the same person trained twice counts once
    SeminarFactory(date=timezone.localdate() + dt.timedelta(days=20))  # planned, not held yet
    client.force_login(partner_staff)
    response = client.get(reverse("tierslieux:seminar_list"))
    progress = response.context["progress"]
    assert (progress["held"], progress["planned"], progress["trained"]) == (2, 5, 2)
    assert re.search(r'id="seminar-progress">\D*2\D+5\D', response.content.decode())


@pytest.mark.parametrize("name", ["seminar_list", "seminar_create"])
def test_company_users_are_refused(client, org_people, name):
    client.force_login(org_people.owner)
    assert client.get(reverse(f"tierslieux:{name}")).status_code == 403


def test_referent_cannot_edit_a_seminar(client):
    seminar = SeminarFactory()
    client.force_login(ReferentFactory().user)
    assert client.post(reverse("tierslieux:seminar_edit", args=[seminar.pk]), {"title": "X"}).status_code == 403


@pytest.mark.parametrize("name", ["seminar_list", "seminar_create"])
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(f"tierslieux:{name}"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_seminar_list_query_count_does_not_grow(client, partner_staff, django_assert_max_num_queries):
    client.force_login(partner_staff)
    url = reverse("tierslieux:seminar_list")
    SeminarFactory().attendees.set([ReferentFactory().user])
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for _ in range(8):
        SeminarFactory().attendees.set([ReferentFactory().user, ReferentFactory().user])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
