"""The company in the loop: a flow a facilitator entered for a company goes back to its members
(each in their language, the facilitator copied) to be confirmed in one click or corrected; each
member chooses whether the company's flux exchange e-mails reach them."""

import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from bourseflux.confirmation import make_token
from bourseflux.models import Flow
from bourseflux.services.flows import create_flow
from circuito.accounts.models import Membership
from circuito.audit.models import AuditEntry
from tests.bourseflux.factories import SiteFactory
from tests.bourseflux.factories_flows import make_facilitator, valid_data
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(org_people):
    org = org_people.organisation
    org.commune = SiteFactory(organisation=org).commune
    org.save()
    org_people.owner.preferred_language = "it"
    org_people.owner.save(update_fields=["preferred_language"])
    return org


@pytest.fixture
def entered(company, django_capture_on_commit_callbacks):
    """A flow a facilitator entered for the company, and the e-mails it sent."""
    facilitator = make_facilitator()
    with django_capture_on_commit_callbacks(execute=True):
        flow = create_flow(actor=facilitator, organisation=company, data=valid_data(), publish=True)
    return flow, facilitator


def _link(body: str, name: str) -> str:
    return next(u for u in re.findall(r"https?://\S+", body) if name in u)


def test_members_are_asked_in_their_language_and_the_facilitator_is_copied(entered, org_people):
    flow, facilitator = entered
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {org_people.owner.email, org_people.colleague.email, facilitator.email}
    owner_mail, colleague_mail = by_address[org_people.owner.email], by_address[org_people.colleague.email]
    assert "/it/flux/flows/" in _link(owner_mail.body, "company-confirm")
    assert "/fr/flux/flows/" in _link(colleague_mail.body, "company-confirm")
    assert _link(owner_mail.body, "/edit/").endswith(
        reverse("bourseflux:flow_edit", args=[flow.pk]).replace("/fr/", "/it/")
    )
    copy = by_address[facilitator.email]
    assert "company-confirm" not in copy.body  # the copy carries no member's link
    assert str(org_people.owner) in copy.body


def test_a_member_of_the_company_entering_a_flow_asks_nobody(company, org_people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create_flow(actor=org_people.owner, organisation=company, data=valid_data(), publish=True)
    assert mail.outbox == []


def test_one_click_confirms_for_the_member_without_logging_in(entered, org_people, client):
    flow, _facilitator = entered
    owner_mail = next(m for m in mail.outbox if m.to == [org_people.owner.email])
    url = _link(owner_mail.body, "company-confirm").split("testserver", 1)[-1]
    url = url[url.index("/it/") :]
    page = client.get(url)
    assert page.status_code == 200 and b'data-action="confirm-flow"' in page.content
    flow.refresh_from_db()
    assert flow.company_confirmed_at is None  # opening the link (a mail scanner does) changes nothing
    done = client.post(url)
    assert done.status_code == 200 and b"data-confirmed" in done.content
    flow.refresh_from_db()
    assert flow.company_confirmed_by == org_people.owner and flow.company_confirmed_at
    assert AuditEntry.objects.filter(action="flow.company_confirm", actor=org_people.owner).count() == 1
    client.post(url)  # a second click changes nothing
    assert AuditEntry.objects.filter(action="flow.company_confirm").count() == 1


def test_a_forged_expired_or_foreign_token_is_refused(entered, org_people, client):
    flow, facilitator = entered
    other = create_flow(actor=facilitator, organisation=flow.organisation, data=valid_data())
    good = make_token(flow, org_people.owner)
    refused = [
        reverse("bourseflux:flow_company_confirm", args=[flow.pk, good[:-2] + "xx"]),  # tampered
        reverse("bourseflux:flow_company_confirm", args=[other.pk, good]),  # another flow
        reverse("bourseflux:flow_company_confirm", args=[flow.pk, make_token(flow, org_people.outsider)]),
        reverse(
            "bourseflux:flow_company_confirm",
            args=[flow.pk, signing.dumps({"f": flow.pk, "u": org_people.owner.pk}, salt="another purpose")],
        ),
    ]
    for url in refused:
        assert client.post(url).status_code == 400, url
    org_people.owner.memberships.update(status=Membership.Status.REFUSED)  # the member left
    assert client.post(reverse("bourseflux:flow_company_confirm", args=[flow.pk, good])).status_code == 400
    flow.refresh_from_db()
    assert flow.company_confirmed_at is None


def test_an_old_link_expires(entered, org_people, client, monkeypatch):
    import bourseflux.confirmation as confirmation

    flow, _facilitator = entered
    token = make_token(flow, org_people.owner)
    monkeypatch.setattr(confirmation, "CONFIRM_MAX_AGE", confirmation.timedelta(seconds=-1))
    assert client.get(reverse("bourseflux:flow_company_confirm", args=[flow.pk, token])).status_code == 400


def test_correcting_opens_the_edit_form_for_members_only(entered, org_people, client):
    flow, _facilitator = entered
    url = reverse("bourseflux:flow_edit", args=[flow.pk])
    assert client.get(url).status_code == 302  # log in first
    client.force_login(org_people.colleague)
    assert client.get(url).status_code == 200
    client.force_login(org_people.outsider)
    assert client.get(url).status_code == 403


def test_members_choose_the_company_e_mails(org_people, client):
    other = MembershipFactory(user=org_people.owner)  # the owner belongs to a second company
    url = reverse("bourseflux:flow_mail_preferences")
    assert client.get(url).status_code == 302
    client.force_login(org_people.owner)
    page = client.get(url)
    assert page.status_code == 200 and other.organisation.legal_name in page.content.decode()
    colleague_membership = Membership.objects.get(user=org_people.colleague)
    client.post(url, {"receive": [str(other.pk), str(colleague_membership.pk)]})
    mine = Membership.objects.get(user=org_people.owner, organisation=org_people.organisation)
    assert mine.receive_flow_mail is False
    other.refresh_from_db()
    assert other.receive_flow_mail is True
    colleague_membership.refresh_from_db()
    assert colleague_membership.receive_flow_mail is True  # not the owner's to change
    client.force_login(org_people.outsider)
    assert org_people.organisation.legal_name not in client.get(url).content.decode()


def test_synergy_mails_skip_members_who_opted_out(db, django_capture_on_commit_callbacks):
    from bourseflux.services import synergies as services
    from tests.bourseflux.factories_synergies import french_need, italian_offer

    offer, need = italian_offer(), french_need()
    Membership.objects.filter(user=offer.colleague).update(receive_flow_mail=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.express_interest(actor=need.owner, offer=offer.flow, need=need.flow)
    assert [m.to for m in mail.outbox] == [[offer.owner.email]]
    assert Flow.objects.count() == 2


def test_the_link_confirms_on_a_first_visit_without_a_csrf_cookie(entered, org_people):
    """The signed address is the secret: a fresh browser from the e-mail needs no CSRF cookie."""
    flow, _facilitator = entered
    fresh = Client(enforce_csrf_checks=True)
    done = fresh.post(reverse("bourseflux:flow_company_confirm", args=[flow.pk, make_token(flow, org_people.owner)]))
    assert done.status_code == 200 and b"data-confirmed" in done.content
    flow.refresh_from_db()
    assert flow.company_confirmed_by == org_people.owner
    forged = reverse("bourseflux:flow_company_confirm", args=[flow.pk, make_token(flow, org_people.outsider)])
    assert fresh.post(forged).status_code == 400
