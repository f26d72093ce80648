"""Request pages: sending from a place, the thread with htmx, statuses, my requests."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory, ServiceFactory
from tests.tierslieux.factories_requests import request_of, scene
from tierslieux.models import Place, PlaceReferent, ServiceRequest
from tierslieux.services.requests import post_message

pytestmark = pytest.mark.django_db


def url(name: str, *args, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse(f"tierslieux:{name}", args=args)


def test_company_sends_request_from_place_with_preselected_service(client):
    s = scene()
    client.force_login(s.member)
    page = client.get(url("request_create", s.place.slug, lang="it") + f"?service={s.service.pk}")
    assert page.status_code == 200
    assert f'value="{s.service.pk}" selected' in page.content.decode()
    assert 'type="hidden" name="organisation"' in page.content.decode()  # one company: no choice to make
    response = client.post(
        url("request_create", s.place.slug, lang="it"),
        {"organisation": s.company.pk, "service": s.service.pk, "subject": "Prototipo", "message": "Ciao"},
    )
    req = ServiceRequest.objects.get()
    assert response.status_code == 302 and response.url == url("request_detail", req.pk, lang="it")
    assert req.requester == s.member and req.cross_border


def test_company_with_several_companies_picks_one_and_errors_are_shown(client):
    s = scene()
    second = OrganisationFactory(country="FR", legal_name="Seconde SARL")
    MembershipFactory(organisation=second, user=s.member)
    client.force_login(s.member)
    page = client.get(url("request_create", s.place.slug)).content.decode()
    assert "Seconde SARL" in page and "Officina Ligure Srl" in page
    response = client.post(
        url("request_create", s.place.slug), {"organisation": second.pk, "subject": "", "message": ""}
    )
    assert response.status_code == 400 and not ServiceRequest.objects.exists()
    assert "is-invalid" in response.content.decode()


def test_user_without_company_is_told_to_join_one(client, user):
    client.force_login(user)
    response = client.get(url("request_create", PlaceFactory().slug))
    assert b"data-no-company" in response.content


def test_draft_place_is_404_for_request(client):
    s = scene()
    draft = PlaceFactory(status=Place.Status.DRAFT)
    client.force_login(s.member)
    assert client.get(url("request_create", draft.slug)).status_code == 404


def test_referent_replies_with_htmx_and_status_becomes_answered(client):
    s = scene()
    req = request_of(s)
    client.force_login(s.referent)
    page = client.get(url("request_detail", req.pk)).content.decode()
    assert "Buongiorno" in page and 'hx-post="' in page and "data-cross-border" in page
    response = client.post(url("request_messages", req.pk), {"body": "Bonjour, oui."}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bonjour, oui." in html and "<html" not in html  # a fragment appended to the thread
    req.refresh_from_db()
    assert req.status == ServiceRequest.Status.ANSWERED
    empty = client.post(url("request_messages", req.pk), {"body": ""}, HTTP_HX_REQUEST="true")
    assert empty.status_code == 422 and b"alert-danger" in empty.content


def test_status_buttons_and_illegal_transition_message(client):
    s = scene()
    req = request_of(s)
    client.force_login(s.member)
    response = client.post(url("request_status", req.pk), {"status": "done"}, follow=True)
    assert ServiceRequest.objects.get().status == ServiceRequest.Status.NEW
    assert "alert" in response.content.decode()
    client.force_login(s.referent)
    response = client.post(url("request_status", req.pk), {"status": "declined", "reason": ""})
    assert response.status_code == 400 and b'<details class="mt-2" open>' in response.content
    client.post(url("request_status", req.pk), {"status": "declined", "reason": "Complet ce mois-ci."})
    assert ServiceRequest.objects.get().status == ServiceRequest.Status.DECLINED
    assert b"data-closed" in client.get(url("request_detail", req.pk)).content


@pytest.mark.parametrize("name", ["request_detail", "request_messages", "request_status"])
def test_outsiders_get_404(client, name):
    s = scene()
    req = request_of(s)
    other_referent = UserFactory()
    PlaceReferent.objects.create(place=PlaceFactory(), user=other_referent)
    for user in (s.outsider, other_referent):
        client.force_login(user)
        response = (
            client.post(url(name, req.pk), {"body": "x", "status": "declined", "reason": "x"})
            if (name != "request_detail")
            else client.get(url(name, req.pk))
        )
        assert response.status_code == 404
    assert req.messages.count() == 1 and ServiceRequest.objects.get().status == ServiceRequest.Status.NEW


@pytest.mark.parametrize(
    "name,args", [("request_detail", (1,)), ("request_messages", (1,)), ("my_requests", ()), ("request_create", ("x",))]
)
def test_anonymous_is_sent_to_login(client, name, args):
    response = client.get(url(name, *args))
    assert response.status_code == 302 and "login" in response.url


def test_my_requests_both_sides_with_unread_marker_and_status_filter(client):
    s = scene()
    req = request_of(s)
    other_place = PlaceFactory()
    other_company = OrganisationFactory()
    stranger = MembershipFactory(organisation=other_company).user
    from tierslieux.services.requests import create_request

    hidden = create_request(
        actor=stranger, place=other_place, organisation=other_company, service=None, subject="Secret", message="x"
    )
    client.force_login(s.referent)
    page = client.get(url("my_requests")).content.decode()
    assert req.subject in page and hidden.subject not in page
    assert "data-unread" in page  # the company's first message is new to the referent
    client.get(url("request_detail", req.pk))
    assert "data-unread" not in client.get(url("my_requests")).content.decode()
    post_message(req, actor=s.member, body="Aggiornamento")
    assert "data-unread" in client.get(url("my_requests")).content.decode()
    assert req.subject not in client.get(url("my_requests") + "?status=done").content.decode()

    client.force_login(s.member)
    page = client.get(url("my_requests")).content.decode()
    assert req.subject in page and hidden.subject not in page


def _many_requests(s, n: int) -> None:
    for i in range(n):
        service = ServiceFactory(place=s.place)
        req = request_of(s, subject=f"Richiesta {i}", service=service)
        post_message(req, actor=s.referent, body="Réponse")


def test_my_requests_query_count_is_constant(client, django_assert_max_num_queries):
    s = scene()
    _many_requests(s, 2)
    client.force_login(s.referent)
    client.get(url("my_requests"))  # warm the per-user caches (memberships, places)
    with django_assert_max_num_queries(12) as few:
        client.get(url("my_requests"))
    measured = len(few.captured_queries)  # read now: later requests reset the query log
    _many_requests(s, 20)
    with django_assert_max_num_queries(measured):
        page = client.get(url("my_requests"))
    assert page.content.decode().count("data-request=") == 22


def test_anonymous_cannot_post_messages_or_change_status(client):
    s = scene()
    req = request_of(s)
    for name in ("request_messages", "request_status"):
        response = client.post(url(name, req.pk), {"body": "x", "status": "declined"})
        assert response.status_code == 302 and "login" in response.url
    assert req.messages.count() == 1 and ServiceRequest.objects.get().status == ServiceRequest.Status.NEW
