"""Synergy e-mails: to the other side only, in each recipient's language, messages throttled."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from bourseflux.models import Synergy, SynergyMessage
from bourseflux.services import synergies as services
from tests.bourseflux import factories_synergies as fs

# Shared fixtures of the synergy tests.
need_side = fs.need_side
offer_side = fs.offer_side

pytestmark = pytest.mark.django_db


def _mails_to(user):
    return [m for m in mail.outbox if user.email in m.to]


@pytest.fixture
def synergy(offer_side, need_side, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        synergy = services.express_interest(
            actor=need_side.owner, offer=offer_side.flow, need=need_side.flow, message="Bonjour !"
        )
    return synergy


def test_interest_mails_the_other_side_in_its_language(synergy, offer_side, need_side):
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {offer_side.owner.email, offer_side.colleague.email}
    body = _mails_to(offer_side.owner)[0].body
    # The Italian recipient gets the Italian title of the offer, the French need (its only title)
    # and an Italian link.
    assert "Vinacce di mele" in body and "Besoin de marc de pommes" in body
    assert f"/it/flux/synergies/{synergy.pk}/" in body
    assert "Bonjour !" in body


def test_messages_are_throttled_per_hour(synergy, offer_side, need_side, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(synergy, actor=offer_side.owner, body="Buongiorno, quando?")
    french = _mails_to(need_side.owner)
    assert len(french) == 1
    assert f"/fr/flux/synergies/{synergy.pk}/" in french[0].body
    assert "Buongiorno, quando?" in french[0].body
    assert _mails_to(offer_side.colleague) == []  # not to the author's own side

    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(synergy, actor=offer_side.colleague, body="Anche a novembre.")
    assert len(_mails_to(need_side.owner)) == 1  # within the hour: no second mail

    # An hour later, a new message mails again.
    SynergyMessage.objects.filter(synergy=synergy).update(
        created_at=SynergyMessage.objects.get(body="Buongiorno, quando?").created_at - timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(synergy, actor=offer_side.owner, body="Ci siete?")
    assert len(_mails_to(need_side.owner)) == 2


def test_stage_change_mails_the_other_side(synergy, offer_side, need_side, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_stage(synergy, actor=offer_side.owner, to_stage=Synergy.Stage.DISCUSSION)
    assert {m.to[0] for m in mail.outbox} == {need_side.owner.email, need_side.colleague.email}
    assert "/fr/flux/synergies/" in mail.outbox[0].body


def test_unread_counts_on_my_list(client, synergy, offer_side, need_side):
    url = reverse("bourseflux:synergy_list")
    services.post_message(synergy, actor=offer_side.owner, body="Uno")
    services.post_message(synergy, actor=offer_side.colleague, body="Due")
    client.force_login(need_side.colleague)
    # The French colleague has written nothing: all three messages are new to them.
    assert 'data-unread="3"' in client.get(url).content.decode()
    # Once they open the synergy, nothing is new any more.
    client.get(synergy.get_absolute_url())
    assert "data-unread" not in client.get(url).content.decode()

    client.force_login(need_side.owner)
    # The owner's own first message is older than the two Italian ones.
    assert 'data-unread="2"' in client.get(url).content.decode()
    services.post_message(synergy, actor=need_side.owner, body="Merci")
    assert "data-unread" not in client.get(url).content.decode()
