"""Service requests: creation rules, the thread, status transitions and their e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from circuito.accounts.models import Organisation
from circuito.audit.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory, ServiceFactory
from tests.tierslieux.factories_requests import request_of, scene
from tierslieux.models import Place, RequestMessage, ServiceRequest
from tierslieux.services.requests import change_status, create_request, post_message

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status


def test_italian_company_asks_french_place_and_referent_answers(django_capture_on_commit_callbacks):
    s = scene()
    with django_capture_on_commit_callbacks(execute=True):
        req = request_of(s)
    assert req.cross_border and req.status == Status.NEW
    assert req.messages.get().body.startswith("Buongiorno")
    assert AuditEntry.objects.filter(action="tierslieux.request_created", object_id=str(req.pk)).exists()
    # The French referent is told, in French (the link opens the French page).
    [new] = mail.outbox
    assert new.to == [s.referent.email]
    assert f"/fr/tiers-lieux/requests/{req.pk}/" in new.body and "Buongiorno" in new.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_message(req, actor=s.referent, body="Bonjour, nous pouvons le faire la semaine prochaine.")
    req.refresh_from_db()
    assert req.status == Status.ANSWERED  # automatic on the place's first reply
    # Both Italian members are told, in Italian.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([s.member.email, s.colleague.email])
    assert all(f"/it/tiers-lieux/requests/{req.pk}/" in m.body for m in mail.outbox)


def test_same_country_is_not_cross_border():
    s = scene()
    french = OrganisationFactory(country="FR")
    MembershipFactory(organisation=french, user=s.member)
    req = create_request(actor=s.member, place=s.place, organisation=french, service=None, subject="x", message="y")
    assert not req.cross_border


def test_create_refuses_non_member_unpublished_place_and_foreign_service():
    s = scene()
    with pytest.raises(PermissionDenied):
        create_request(actor=s.outsider, place=s.place, organisation=s.company, service=None, subject="x", message="y")
    other_service = ServiceFactory()
    with pytest.raises(ValidationError) as exc:
        create_request(
            actor=s.member, place=s.place, organisation=s.company, service=other_service, subject="x", message="y"
        )
    assert "service" in exc.value.message_dict
    draft = PlaceFactory(status=Place.Status.DRAFT)
    with pytest.raises(ValidationError):
        create_request(actor=s.member, place=draft, organisation=s.company, service=None, subject="x", message="y")
    with pytest.raises(ValidationError) as exc:
        create_request(actor=s.member, place=s.place, organisation=s.company, service=None, subject="x", message=" ")
    assert "body" in exc.value.message_dict
    assert not ServiceRequest.objects.exists()


def test_place_without_referent_notifies_partner_staff_of_its_country(django_capture_on_commit_callbacks):
    s = scene()
    s.place.referents.all().delete()
    french_partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, country="FR")
    staff = MembershipFactory(organisation=french_partner).user
    italian_partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, country="IT")
    MembershipFactory(organisation=italian_partner)
    with django_capture_on_commit_callbacks(execute=True):
        req = request_of(s)
    assert [m.to for m in mail.outbox] == [[staff.email]]
    # Staff standing in for the place answer as the place.
    post_message(req, actor=staff, body="Nous cherchons le bon interlocuteur.")
    req.refresh_from_db()
    assert req.status == Status.ANSWERED


def test_transitions_and_errors(django_capture_on_commit_callbacks):
    s = scene()
    req = request_of(s)
    with pytest.raises(ValidationError) as exc:
        change_status(req, actor=s.member, to_status=Status.AGREED)
    assert "status" in exc.value.message_dict  # not answered yet
    with pytest.raises(ValidationError):
        change_status(req, actor=s.referent, to_status=Status.ANSWERED)  # only by replying
    with pytest.raises(ValidationError):
        change_status(req, actor=s.referent, to_status=Status.DONE)
    post_message(req, actor=s.referent, body="Oui.")
    req.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(req, actor=s.member, to_status=Status.AGREED)
    assert ServiceRequest.objects.get().status == Status.AGREED
    assert mail.outbox[-1].to == [s.referent.email]  # the other side is told
    with pytest.raises(ValidationError):
        change_status(req, actor=s.referent, to_status=Status.DECLINED, reason="Trop tard")
    change_status(req, actor=s.referent, to_status=Status.DONE)
    with pytest.raises(ValidationError):
        post_message(req, actor=s.member, body="Grazie!")  # closed
    with pytest.raises(PermissionDenied):
        change_status(req, actor=s.outsider, to_status=Status.DONE)


def test_place_must_give_a_reason_to_decline_company_may_withdraw(django_capture_on_commit_callbacks):
    s = scene()
    req = request_of(s)
    with pytest.raises(ValidationError) as exc:
        change_status(req, actor=s.referent, to_status=Status.DECLINED)
    assert "reason" in exc.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        change_status(req, actor=s.referent, to_status=Status.DECLINED, reason="Machine en panne jusqu'en mars.")
    assert ServiceRequest.objects.get().status == Status.DECLINED
    assert req.messages.last().body == "Machine en panne jusqu'en mars."
    assert any("Machine en panne" in m.body and s.member.email in m.to for m in mail.outbox)

    other = request_of(s, subject="Altro")
    change_status(other, actor=s.member, to_status=Status.DECLINED)  # withdrawal: no reason needed
    entry = AuditEntry.objects.filter(action="tierslieux.request_status", object_id=str(other.pk)).get()
    assert entry.changes["withdrawn"] is True


def test_message_mails_are_throttled_per_thread_and_hour(django_capture_on_commit_callbacks):
    s = scene()
    req = request_of(s)
    with django_capture_on_commit_callbacks(execute=True):
        post_message(req, actor=s.referent, body="Premier message")
        post_message(req, actor=s.referent, body="Deuxième message")
    assert len([m for m in mail.outbox if s.member.email in m.to]) == 1
    # An hour later, the next message is mailed again.
    RequestMessage.objects.filter(request=req).update(created_at=req.created_at - timedelta(hours=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_message(req, actor=s.referent, body="Une heure plus tard")
    assert len([m for m in mail.outbox if s.member.email in m.to]) == 1
    # A reply of the company is a message of the other side: mailed to the referent at once.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_message(req, actor=s.member, body="Va bene")
    assert [m.to for m in mail.outbox] == [[s.referent.email]]


def test_outsider_and_other_referent_cannot_post():
    s = scene()
    req = request_of(s)
    other_referent = UserFactory()
    PlaceFactory().referents.create(user=other_referent)
    for user in (s.outsider, other_referent):
        with pytest.raises(PermissionDenied):
            post_message(req, actor=user, body="Hello")


def test_places_and_services_closed_to_the_other_country_refuse_cross_border_requests():
    s = scene()
    s.service.open_to_other_country = False
    s.service.save()
    with pytest.raises(ValidationError) as exc:
        request_of(s)
    assert "service" in exc.value.message_dict
    s.place.open_to_other_country = False
    s.place.save()
    with pytest.raises(ValidationError):
        request_of(s, service=None)
    french = OrganisationFactory(country="FR")
    member = MembershipFactory(organisation=french).user
    req = create_request(actor=member, place=s.place, organisation=french, service=s.service, subject="x", message="y")
    assert not req.cross_border
