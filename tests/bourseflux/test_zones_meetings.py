"""Awareness meetings: partner staff only, count against the six planned."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from bourseflux.models import AwarenessMeeting
from tests.bourseflux.factories_zones import MeetingFactory, partner_member
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_partner_staff_records_a_meeting_and_sees_the_count_against_six(client, partner_staff):
    client.force_login(partner_staff)
    commune = CommuneFactory(name="Cuneo")
    organiser = partner_staff.memberships.get().organisation
    response = client.post(
        reverse("bourseflux:meeting_create"),
        {
            "title": "Économie circulaire et PME",
            "date": "2026-02-10",
            "commune": commune.pk,
            "place": "Camera di commercio",
            "organiser": organiser.pk,
            "attendance": "40",
            "companies_attending": "18",
        },
    )
    assert response.status_code == 302
    meeting = AwarenessMeeting.objects.get()
    assert (meeting.attendance, meeting.companies_attending, meeting.created_by) == (40, 18, partner_staff)
    html = client.get(reverse("bourseflux:meeting_list")).content.decode()
    with translation.override("fr"):
        held = gettext("%(n)s of %(target)s planned meetings held") % {"n": 1, "target": 6}
    assert escape(held) in html


def test_more_companies_than_people_is_refused(client, partner_staff):
    client.force_login(partner_staff)
    organiser = partner_staff.memberships.get().organisation
    response = client.post(
        reverse("bourseflux:meeting_create"),
        {"title": "R", "date": "2026-02-10", "commune": CommuneFactory().pk, "organiser": organiser.pk,
         "attendance": "3", "companies_attending": "5"},
    )  # fmt: skip
    with translation.override("fr"):
        refused = gettext("More companies (%(companies)d) than people (%(people)d) attended: check both numbers.") % {
            "companies": 5,
            "people": 3,
        }
    assert response.status_code == 200 and escape(refused) in response.content.decode()
    assert not AwarenessMeeting.objects.exists()


@pytest.mark.parametrize("name", ["meeting_list", "meeting_create"])
def test_company_member_gets_403_and_anonymous_goes_to_login(client, org_people, name):
    url = reverse(f"bourseflux:{name}")
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(org_people.owner)
    assert client.get(url).status_code == 403
    meeting = MeetingFactory()
    assert client.get(reverse("bourseflux:meeting_edit", args=[meeting.pk])).status_code == 403


def test_meeting_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    client.force_login(partner_member())
    MeetingFactory()
    url = reverse("bourseflux:meeting_list")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    bound = len(few.captured_queries)
    for _ in range(12):
        MeetingFactory()
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.content.decode().count("/edit/") == 13
