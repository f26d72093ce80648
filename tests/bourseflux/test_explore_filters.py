"""The one flow filter: each criterion, both languages' free text, the map area."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from bourseflux.filters import filtered_flows
from bourseflux.models import Flow, PilotZone
from tests.bourseflux.factories import SiteFactory
from tests.bourseflux.factories_explore import (
    aosta_commune,
    ewc,
    french_flow,
    italian_flow,
    savoie_commune,
    sawdust_category,
    wood_category,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """Requests to /it/ pages leave Italian active in the thread: restore it for later tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def ids(data, user=None) -> set[int]:
    return set(filtered_flows(data, user or AnonymousUser())[1].values_list("pk", flat=True))


@pytest.fixture
def two_flows():
    return italian_flow(), french_flow()


def test_direction_and_nature(two_flows):
    it_offer, fr_need = two_flows
    assert ids({"direction": "offer"}) == {it_offer.pk}
    assert ids({"direction": "need"}) == {fr_need.pk}
    waste = french_flow(nature=Flow.Nature.WASTE, ewc=ewc("02 03 04"))
    assert ids({"nature": "waste"}) == {waste.pk}


def test_category_includes_its_children(two_flows):
    wood, sawdust = wood_category(), sawdust_category()
    plank = french_flow(category=wood)
    dust = french_flow(category=sawdust)
    assert ids({"category": wood.pk}) == {plank.pk, dust.pk}
    assert ids({"category": sawdust.pk}) == {dust.pk}


def test_ewc_chapter(two_flows):
    chemical = french_flow(nature=Flow.Nature.WASTE, ewc=ewc("07 01 01", hazardous=True))
    assert ids({"ewc_chapter": "07"}) == {chemical.pk}
    assert ids({"hazardous": "true"}) == {chemical.pk}
    assert chemical.pk not in ids({"hazardous": "false"})


def test_country_region_department(two_flows):
    it_offer, fr_need = two_flows
    assert ids({"country": "IT"}) == {it_offer.pk}
    assert ids({"region": it_offer.region_id}) == {it_offer.pk}
    assert ids({"department": fr_need.department_id}) == {fr_need.pk}


def test_pilot_zone_radius(two_flows):
    it_offer, fr_need = two_flows
    near = french_flow(commune=savoie_commune(code="73008", name="Aix-les-Bains", latitude=45.69, longitude=5.91))
    zone = PilotZone.objects.create(
        name_fr="Zone de Chambéry",
        latitude=45.566,
        longitude=5.921,
        radius_km=20,
        partner=OrganisationFactory(kind="partner"),
    )
    assert ids({"zone": zone.pk}) == {fr_need.pk, near.pk}


def test_free_text_covers_both_languages_from_either_page(two_flows):
    it_offer, fr_need = two_flows
    with translation.override("fr"):
        assert ids({"q": "vinacce"}) == {it_offer.pk}
        assert ids({"q": "spremitura"}) == {it_offer.pk}  # Italian description
    with translation.override("it"):
        assert ids({"q": "marc"}) == {fr_need.pk}
    assert ids({"q": "valdostano"}) == {it_offer.pk}  # the company's legal name
    commercial = french_flow(commercial_name="Pulpex 300")
    assert ids({"q": "pulpex"}) == {commercial.pk}
    # A weighted OR: each flow holds one of the words (the French need, the Italian offer).
    assert {it_offer.pk, fr_need.pk} <= ids({"q": "vinacce marc"})


def test_bbox_uses_the_public_point_not_the_exact_site():
    commune = aosta_commune()
    hidden = italian_flow(site=SiteFactory(commune=commune, latitude=45.80, longitude=7.40))
    exact = italian_flow(site=SiteFactory(commune=commune, latitude=45.70, longitude=7.20, exact_location_public=True))
    around_commune = "7.30,45.73,7.33,45.745"
    around_hidden_site = "7.39,45.79,7.41,45.81"
    around_exact_site = "7.19,45.69,7.21,45.71"
    assert ids({"bbox": around_commune}) == {hidden.pk}
    assert ids({"bbox": around_hidden_site}) == set()  # the exact site does not leak
    assert ids({"bbox": around_exact_site}) == {exact.pk}


def test_invalid_values_are_ignored_not_fatal(two_flows):
    assert len(ids({"direction": "sideways", "bbox": "a,b", "category": "999"})) == 2
    assert len(ids({"bbox": "10,50,5,40"})) == 2  # reversed box: ignored


def test_drafts_archived_and_expired_are_left_out(two_flows, org_people):
    import datetime

    draft = french_flow(status=Flow.Status.DRAFT)
    french_flow(status=Flow.Status.ARCHIVED)
    french_flow(expires_on=datetime.date(2000, 1, 1))
    assert draft.pk not in ids({})
    assert len(ids({})) == 2
