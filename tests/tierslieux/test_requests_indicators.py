"""Indicators of requests: requests sent, and cross-border uses counted once when agreed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from circuito.audit.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory, TerritoryFactory
from tests.tierslieux.factories_requests import request_of, scene
from tierslieux.indicators_requests import cross_border_uses, service_requests
from tierslieux.models import ServiceRequest
from tierslieux.services.requests import change_status, create_request, post_message

pytestmark = pytest.mark.django_db


def _agree(s, req) -> None:
    post_message(req, actor=s.referent, body="Oui")
    req.refresh_from_db()
    change_status(req, actor=s.member, to_status=ServiceRequest.Status.AGREED)


def test_counts_for_period_and_territory():
    s = scene()
    today = timezone.localdate()
    cross = request_of(s)
    french = OrganisationFactory(country="FR")
    french_member = MembershipFactory(organisation=french).user
    local = create_request(
        actor=french_member, place=s.place, organisation=french, service=None, subject="L", message="m"
    )
    request_of(s, subject="Never agreed")
    _agree(s, cross)
    post_message(local, actor=s.referent, body="Oui")
    local.refresh_from_db()
    change_status(local, actor=french_member, to_status=ServiceRequest.Status.AGREED)

    assert service_requests(today, today) == 3
    assert cross_border_uses(today, today) == 1  # the same-country one is not cross-border
    department = TerritoryFactory()  # Alpes-Maritimes, where the place is
    assert service_requests(today, today, department) == 3
    assert service_requests(today, today, TerritoryFactory(code="IM", country="IT", name="Imperia", parent=None)) == 0
    assert cross_border_uses(today, today, department.parent) == 1
    yesterday = today - timedelta(days=1)
    assert service_requests(yesterday, yesterday) == 0 and cross_border_uses(yesterday, yesterday) == 0

    # Done later: still one use, counted in the period it was agreed.
    change_status(cross, actor=s.referent, to_status=ServiceRequest.Status.DONE)
    assert cross_border_uses(today, today) == 1
    AuditEntry.objects.filter(action="tierslieux.request_status").update(created_at=timezone.now() - timedelta(days=40))
    assert cross_border_uses(today, today) == 0
    assert cross_border_uses(today - timedelta(days=41), today) == 1
