"""Estimates from companies' activities (NACE): found by category, marked, turned into drafts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from bourseflux.models import ActivityFlowProfile, Flow
from bourseflux.potential import create_estimate, potential_candidates
from circuito.nace.models import NaceActivity
from tests.bourseflux.factories_matching import aosta, categories, flow_at, savoie
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cider_profile():
    return ActivityFlowProfile.objects.create(
        nace_code="11.0",
        direction="offer",
        category=categories()["fruit"],
        nature="by_product",
        name_fr="Marc de pommes (cidrerie)",
        name_it="Vinacce di mele (sidro)",
    )


def _company(commune, nace_code="11.03", **kwargs):
    nace, _ = NaceActivity.objects.get_or_create(code=nace_code, defaults={"level": "class", "label_fr": "x"})
    return OrganisationFactory(
        country=commune.country,
        commune=commune,
        nace=nace,
        latitude=commune.latitude,
        longitude=commune.longitude,
        **kwargs,
    )


def test_companies_whose_activity_gives_it_off_are_estimates(cider_profile):
    need = flow_at(savoie(), direction=Flow.Direction.NEED)
    sidreria = _company(aosta(), legal_name="Sidreria")
    _company(aosta(), nace_code="25.11", legal_name="Carpenteria")  # unrelated activity
    own = need.organisation  # the flow's own company, a cider maker too: never its own candidate
    own.nace, own.latitude, own.longitude = sidreria.nace, 45.56, 5.91
    own.save()
    [estimate] = potential_candidates(need)
    assert estimate.organisation == sidreria
    assert estimate.is_estimate and estimate.cross_border
    with translation.override("en"):
        texts = [r.text() for r in estimate.reasons]
    assert texts[0] == "Estimate from the activity: not confirmed by the company"
    assert "Typical of its activity: Marc de pommes (cidrerie)" in texts
    with translation.override("it"):
        assert "Vinacce di mele (sidro)" in " ".join(r.text() for r in estimate.reasons)


def test_companies_already_shown_are_left_out(cider_profile):
    need = flow_at(savoie(), direction=Flow.Direction.NEED)
    sidreria = _company(aosta())
    assert potential_candidates(need, exclude_organisations={sidreria.pk}) == []


def test_estimates_never_outrank_a_real_candidate(cider_profile):
    from bourseflux.matching import candidates

    here = savoie()
    need = flow_at(here, direction=Flow.Direction.NEED)
    flow_at(aosta())
    _company(here)
    [real] = candidates(need)
    [estimate] = potential_candidates(need)
    assert real.score > estimate.score


def test_an_estimate_becomes_a_draft_flow_to_confirm(cider_profile, org_people):
    commune = aosta()
    company = org_people.organisation
    company.commune, company.country = commune, "IT"
    company.nace = NaceActivity.objects.create(code="11.03", level="class", label_fr="Cidre")
    company.save()
    flow = create_estimate(actor=org_people.owner, organisation=company, profile=cider_profile)
    assert flow.is_estimate and flow.status == Flow.Status.DRAFT
    assert flow.title_it == "Vinacce di mele (sidro)" and flow.category == cider_profile.category
    with pytest.raises(PermissionDenied):
        create_estimate(actor=org_people.outsider, organisation=company, profile=cider_profile)


def test_a_facilitator_may_create_an_estimate_for_a_company(cider_profile, partner_staff):
    partner_staff.memberships.update(is_facilitator=True)
    partner_staff.__dict__.pop("_circuito_roles", None)
    company = _company(aosta())
    flow = create_estimate(actor=partner_staff, organisation=company, profile=cider_profile)
    assert flow.is_estimate and flow.organisation == company


def test_estimate_draft_page_for_facilitators_only(client, cider_profile, partner_staff, org_people):
    from django.urls import reverse

    company = _company(aosta())
    target = reverse("bourseflux:estimate_draft")
    payload = {"organisation": company.pk, "profile": cider_profile.pk}
    assert client.post(target, payload).status_code == 302 and not Flow.objects.exists()  # anonymous: login
    client.force_login(org_people.outsider)
    assert client.post(target, payload).status_code == 403
    assert not Flow.objects.exists()
    partner_staff.memberships.update(is_facilitator=True)
    client.force_login(partner_staff)
    response = client.post(target, payload)
    flow = Flow.objects.get()
    assert flow.is_estimate and flow.organisation == company
    assert response["Location"] == reverse("bourseflux:flow_edit", args=[flow.pk])
