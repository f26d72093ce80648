"""Digest e-mails of new candidates: once a day at most, only new ones, in the reader's language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from bourseflux.alerts import send_match_digests
from bourseflux.models import Flow, MatchNotice
from bourseflux.tasks import send_match_digests as task
from circuito.accounts.models import Membership
from tests.bourseflux.factories_matching import aosta, flow_at, savoie
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(org_people):
    org_people.owner.preferred_language = "it"
    org_people.owner.save(update_fields=["preferred_language"])
    # The colleague keeps out of the company's e-mails unless a test says otherwise.
    Membership.objects.filter(user=org_people.colleague).update(receive_flow_mail=False)
    return flow_at(
        savoie(), organisation=org_people.organisation, direction=Flow.Direction.NEED, created_by=org_people.owner
    )


def test_digest_lists_new_candidates_in_the_recipients_language(need, org_people):
    offer = flow_at(aosta(), title_fr="", title_it="Vinacce di mele")
    assert send_match_digests() == 1
    [message] = mail.outbox
    assert message.to == [org_people.owner.email]
    assert "Vinacce di mele" in message.body
    assert offer.organisation.legal_name in message.body
    assert "/it/flux/flows/" in message.body  # the link opens the Italian pages
    assert MatchNotice.objects.filter(flow=need, candidate=offer).exists()


def test_at_most_one_digest_a_day_and_only_new_candidates(need):
    flow_at(aosta())
    now = timezone.now()
    assert send_match_digests(now) == 1
    flow_at(aosta(), title_it="Altre vinacce", title_fr="")
    assert send_match_digests(now + timedelta(minutes=5)) == 0  # same day: wait until tomorrow
    assert send_match_digests(now + timedelta(days=1)) == 1
    assert "Altre vinacce" in mail.outbox[1].body
    assert send_match_digests(now + timedelta(days=2)) == 0  # nothing new
    assert len(mail.outbox) == 2


def test_no_digest_without_candidates_or_for_drafts(need):
    assert send_match_digests() == 0
    need.status = Flow.Status.DRAFT
    need.save(update_fields=["status"])
    flow_at(aosta())
    assert send_match_digests() == 0
    assert mail.outbox == []


def test_creator_who_left_the_company_gets_nothing(need, org_people):
    org_people.owner.memberships.update(status="refused")
    org_people.owner.__dict__.pop("_bourseflux_orgs", None)
    flow_at(aosta())
    assert send_match_digests() == 0


def test_celery_task_runs_the_digest(need):
    flow_at(aosta())
    assert task.name == "bourseflux.tasks.send_match_digests"
    assert task.apply().get() == 1


@pytest.mark.parametrize("opted_in", [True, False])
def test_digest_follows_the_users_choice(db, opted_in):
    from bourseflux.alerts import send_match_digests
    from tests.bourseflux.factories import FlowFactory
    from tests.factories import MembershipFactory, UserFactory

    creator = UserFactory(receive_digests=opted_in)
    offer = FlowFactory(created_by=creator)
    MembershipFactory(user=creator, organisation=offer.organisation)
    FlowFactory(direction="need", category=offer.category)
    mail.outbox.clear()
    send_match_digests()
    assert any(creator.email in m.to for m in mail.outbox) is opted_in


def test_every_member_who_opted_in_hears_of_a_flow_a_facilitator_entered(need, org_people):
    """The company is in the loop, not only whoever typed the flow; each reads it in their language."""
    from tests.bourseflux.factories_synergies import facilitator_user

    facilitator = facilitator_user()
    Flow.objects.filter(pk=need.pk).update(created_by=facilitator)
    Membership.objects.filter(user=org_people.colleague).update(receive_flow_mail=True)
    flow_at(aosta(), title_fr="", title_it="Vinacce di mele")
    pending = MembershipFactory(organisation=org_people.organisation, status=Membership.Status.PENDING).user
    assert send_match_digests() == 3  # owner, colleague, and the facilitator copied
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {org_people.owner.email, org_people.colleague.email, facilitator.email}
    assert pending.email not in by_address and org_people.outsider.email not in by_address
    assert "/it/flux/flows/" in by_address[org_people.owner.email].body
    assert "/fr/flux/flows/" in by_address[org_people.colleague.email].body
    assert send_match_digests() == 0  # all of them were told of the same candidate


def test_a_member_who_opted_out_is_left_out(need, org_people):
    Membership.objects.filter(user=org_people.colleague).update(receive_flow_mail=True)
    Membership.objects.filter(user=org_people.owner).update(receive_flow_mail=False)
    flow_at(aosta())
    assert send_match_digests() == 2  # the colleague, and the owner as the flow's author
    Flow.objects.filter(pk=need.pk).update(created_by=None)
    MatchNotice.objects.all().delete()
    mail.outbox.clear()
    assert send_match_digests() == 1
    assert mail.outbox[0].to == [org_people.colleague.email]
