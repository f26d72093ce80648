"""B2B meeting e-mails: the invited company hears of a request, the requester of the answer, each
in their own language and without anybody's e-mail address in the text."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.tierslieux.factories_events import b2b_event, participant
from tierslieux.services import b2b
from tierslieux.services.events import register

pytestmark = pytest.mark.django_db


def _with_profile(event, user, organisation=None):
    registration = register(event, user=user, organisation=organisation).registration
    b2b.save_profile(event, actor=user, summary="Capteurs / sensori")
    return registration


@pytest.fixture
def scene():
    """A French requester; an Italian invitee registered for her company, which has an Italian
    and a French colleague, and a pending member who must not be told."""
    event, _manager = b2b_event()
    company = OrganisationFactory(country="IT", legal_name="Meccanica Srl")
    invitee_user = UserFactory(preferred_language="it", first_name="Giulia", last_name="Rossi")
    MembershipFactory(organisation=company, user=invitee_user)
    colleague_it = MembershipFactory(organisation=company, user=UserFactory(preferred_language="it")).user
    colleague_fr = MembershipFactory(organisation=company, user=UserFactory(preferred_language="fr")).user
    MembershipFactory(organisation=company, status="pending")
    invitee = _with_profile(event, invitee_user, company)
    requester = participant(event, preferred_language="fr", first_name="Paul", last_name="Martin")
    return event, requester, invitee, (invitee_user, colleague_it, colleague_fr)


def _by_recipient() -> dict[str, mail.EmailMessage]:
    return {m.to[0]: m for m in mail.outbox}


def test_request_mails_the_invited_company_in_each_members_language(scene, django_capture_on_commit_callbacks):
    event, requester, invitee, (invitee_user, colleague_it, colleague_fr) = scene
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        b2b.request_meeting(event, requester=requester.user, invitee=invitee, message="Parliamo di sensori?")
    sent = _by_recipient()
    assert set(sent) == {invitee_user.email, colleague_it.email, colleague_fr.email}
    for user in (invitee_user, colleague_it, colleague_fr):
        message, lang = sent[user.email], user.preferred_language
        title = event.title_it if lang == "it" else event.title_fr
        with translation.override(lang):
            subject = gettext("B2B meeting request at “%(title)s”") % {"title": title}
        assert message.subject == f"[CIRCUITO] {subject}"
        assert f"/{lang}/tiers-lieux/events/{event.slug}/b2b/" in message.body
        assert "Parliamo di sensori?" in message.body and "Paul Martin" in message.body
        assert requester.user.email not in message.body  # contact details stay private
    with translation.override("it"):
        direct = gettext("%(requester)s asks you for a bilateral meeting at “%(title)s”.")
    assert direct % {"requester": "Paul Martin", "title": event.title_it} in sent[invitee_user.email].body
    with translation.override("fr"):
        relayed = gettext(
            "%(requester)s asks %(invitee)s, of your company, for a bilateral meeting at “%(title)s”. "
            "Only the invited person can accept or decline."
        )
    expected = relayed % {
        "requester": "Paul Martin",
        "invitee": "Giulia Rossi · Meccanica Srl",
        "title": event.title_fr,
    }
    assert expected in sent[colleague_fr.email].body


def test_invitee_registered_as_a_person_alone_is_told(django_capture_on_commit_callbacks):
    event, _manager = b2b_event()
    requester, invitee = participant(event), participant(event, preferred_language="it")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        b2b.request_meeting(event, requester=requester.user, invitee=invitee)
    assert [m.to for m in mail.outbox] == [[invitee.user.email]]


@pytest.mark.parametrize("accept", [True, False])
def test_answer_mails_the_requester_in_her_language(scene, accept, django_capture_on_commit_callbacks):
    event, requester, invitee, _people = scene
    request = b2b.request_meeting(event, requester=requester.user, invitee=invitee)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        b2b.answer_request(request, actor=invitee.user, accept=accept)
    [message] = mail.outbox
    assert message.to == [requester.user.email]
    with translation.override("fr"):
        if accept:
            subject = gettext("Meeting accepted at “%(title)s”")
            text = gettext(
                "%(invitee)s accepted your request for a bilateral meeting at “%(title)s”. "
                "The meeting will appear in your schedule once it is placed in a time slot."
            )
        else:
            subject = gettext("Meeting declined at “%(title)s”")
            text = gettext(
                "%(invitee)s declined your request for a bilateral meeting at “%(title)s”. "
                "You can ask other participants."
            )
    assert message.subject == "[CIRCUITO] " + subject % {"title": event.title_fr}
    assert text % {"invitee": "Giulia Rossi · Meccanica Srl", "title": event.title_fr} in message.body
    assert f"/fr/tiers-lieux/events/{event.slug}/b2b/" in message.body
    assert invitee.user.email not in message.body


def test_italian_requester_reads_the_answer_in_italian(django_capture_on_commit_callbacks):
    event, _manager = b2b_event()
    requester = participant(event, preferred_language="it")
    invitee = participant(event, first_name="Claire", last_name="Dubois")
    request = b2b.request_meeting(event, requester=requester.user, invitee=invitee)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        b2b.answer_request(request, actor=invitee.user, accept=True)
    [message] = mail.outbox
    with translation.override("it"):
        subject = gettext("Meeting accepted at “%(title)s”") % {"title": event.title_it}
    assert message.subject == f"[CIRCUITO] {subject}" and "/it/tiers-lieux/" in message.body
    assert "Claire Dubois" in message.body


def test_a_refused_request_sends_nothing(scene, django_capture_on_commit_callbacks):
    event, requester, invitee, _people = scene
    outsider = UserFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        b2b.request_meeting(event, requester=outsider, invitee=invitee)
    assert mail.outbox == []
