import pytest

from circuito.accounts import roles
from circuito.accounts.charter import load_partners
from circuito.accounts.models import Organisation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_charter_creates_partners_and_implementing_bodies_idempotently():
    first = load_partners()
    assert first["created"] == Organisation.objects.count()
    partners = Organisation.objects.filter(kind=Organisation.Kind.PARTNER)
    assert partners.count() == 8
    assert list(partners.filter(is_lead_partner=True).values_list("partner_code", flat=True)) == ["LIG"]
    body = Organisation.objects.get(partner_code="CCI-RIVLIG")
    assert body.kind == Organisation.Kind.IMPLEMENTING_BODY and body.delegating_partner.partner_code == "LIG"
    again = load_partners()
    assert again["created"] == 0 and Organisation.objects.count() == first["created"]


def test_roles_follow_memberships(user, partner_staff, lead_partner_staff):
    load_partners()
    assert not roles.is_partner_staff(user)
    assert roles.is_partner_staff(partner_staff) and not roles.is_lead_partner_staff(partner_staff)
    assert roles.is_lead_partner_staff(lead_partner_staff)
    body_staff = MembershipFactory(organisation=Organisation.objects.get(partner_code="CCI-RIVLIG")).user
    assert roles.is_lead_partner_staff(body_staff)
    assert list(roles.partner_of(body_staff).values_list("partner_code", flat=True)) == ["LIG"]
    assert not roles.is_facilitator(body_staff)
