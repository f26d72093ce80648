"""Unread service request threads, per user (read markers in the database, not the session):
opening a thread marks it read for that user only; the list and the dashboard count what others
wrote since, in a fixed number of queries."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from tests.tierslieux.factories import ServiceFactory
from tests.tierslieux.factories_requests import request_of, scene
from tierslieux.models import PlaceReferent, RequestRead
from tierslieux.services.requests import post_message
from tierslieux.unread import unread_count

pytestmark = pytest.mark.django_db
PANEL = "tierslieux/_dashboard.html"


def url(name: str, *args, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse(name, args=args)


def unread_rows(client) -> str:
    return client.get(url("tierslieux:my_requests")).content.decode().count("data-unread")


def test_opening_a_thread_marks_it_read_for_this_user_only_and_survives_a_new_session(client):
    s = scene()
    req = request_of(s)
    second_referent = PlaceReferent.objects.create(place=s.place, user=s.outsider).user
    client.force_login(s.referent)
    assert unread_rows(client) == 1
    client.get(url("tierslieux:request_detail", req.pk))
    assert RequestRead.objects.filter(user=s.referent, request=req).exists()
    assert unread_rows(client) == 0
    fresh = Client()  # another browser: a new session, the marker is still there
    fresh.force_login(s.referent)
    assert unread_rows(fresh) == 0
    other = Client()
    other.force_login(second_referent)
    assert unread_rows(other) == 1  # the colleague has not read it yet
    assert unread_count(second_referent) == 1 and unread_count(s.referent) == 0


def test_a_message_by_someone_else_makes_it_unread_again_but_not_my_own(client):
    s = scene()
    req = request_of(s)
    client.force_login(s.referent)
    client.get(url("tierslieux:request_detail", req.pk))
    client.post(url("tierslieux:request_messages", req.pk), {"body": "Bonjour, c'est possible."})
    assert unread_rows(client) == 0  # my own answer is not news to me
    post_message(req, actor=s.member, body="Grazie, quando?")
    assert unread_rows(client) == 1 and unread_count(s.referent) == 1
    client.get(url("tierslieux:request_messages", req.pk))  # the thread fragment reloaded on screen
    assert unread_rows(client) == 0
    # The company side: the referent's answer is unread for both members until each opens it.
    assert unread_count(s.member) == 1 and unread_count(s.colleague) == 1
    member = Client()
    member.force_login(s.member)
    member.get(url("tierslieux:request_detail", req.pk))
    assert unread_count(s.member) == 0 and unread_count(s.colleague) == 1


def test_an_outsider_cannot_mark_a_thread_read(client):
    s = scene()
    req = request_of(s)
    client.force_login(s.outsider)
    assert client.get(url("tierslieux:request_detail", req.pk)).status_code in (403, 404)
    assert client.get(url("tierslieux:request_messages", req.pk)).status_code in (403, 404)
    assert not RequestRead.objects.exists()
    assert unread_count(s.outsider) == 0


def _many_requests(s, n: int) -> None:
    for i in range(n):
        req = request_of(s, subject=f"Richiesta {i}", service=ServiceFactory(place=s.place))
        post_message(req, actor=s.referent, body="Réponse")


def test_dashboard_counts_unread_threads_in_a_constant_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.DASHBOARD_PANELS = [*settings.DASHBOARD_PANELS, PANEL]
    s = scene()
    _many_requests(s, 2)
    client.force_login(s.member)
    client.get(url("tierslieux:request_detail", s.company.service_requests.first().pk))
    with django_assert_max_num_queries(40) as few:
        page = client.get(url("accounts:dashboard", lang="it")).content.decode()
    measured = len(few.captured_queries)
    with translation.override("it"):
        assert ngettext("%(n)s request has news for you.", "%(n)s requests have news for you.", 1) % {"n": 1} in page
    assert 'data-unread-count="1"' in page
    _many_requests(s, 15)
    with django_assert_max_num_queries(measured):
        page = client.get(url("accounts:dashboard", lang="it")).content.decode()
    assert 'data-unread-count="16"' in page


def test_dashboard_panel_is_absent_for_users_without_requests(client, settings, user):
    settings.DASHBOARD_PANELS = [*settings.DASHBOARD_PANELS, PANEL]
    client.force_login(user)
    assert "data-tierslieux-panel" not in client.get(url("accounts:dashboard")).content.decode()
