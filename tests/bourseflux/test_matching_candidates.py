"""Ranked candidates: codes and categories, not words; ranking, exclusions, seasons, distance."""

import pytest
from django.utils import translation

from bourseflux.matching import DETOUR_FACTOR, Reason, candidates
from bourseflux.models import Flow
from bourseflux.quantities import months_mask
from circuito.geo.distance import haversine_km
from tests.bourseflux.factories_matching import aosta, categories, ewc, flow_at, savoie

pytestmark = pytest.mark.django_db

NEED = Flow.Direction.NEED


@pytest.fixture
def scenario():
    """A French need written in French only, an Italian offer written in Italian only."""
    cats = categories()
    need = flow_at(
        savoie(),
        direction=NEED,
        category=cats["fruit"],
        title_fr="Marc de pommes",
        title_it="",
        description_fr="Nous cherchons du marc de pommes pour notre cidrerie.",
        quantity=80,
        unit="t",
        frequency="year",
        season_mask=months_mask([9, 10, 11]),
    )
    offer = flow_at(
        aosta(),
        category=cats["fruit"],
        title_fr="",
        title_it="Vinacce di mele",
        description_it="Vinacce di mele fresche, da settembre a novembre.",
        quantity=120,
        unit="t",
        frequency="year",
        season_mask=months_mask([8, 9, 10, 11, 12]),
    )
    return need, offer


def test_french_need_meets_italian_offer_both_ways(scenario):
    need, offer = scenario
    [found] = candidates(need)
    assert found.flow == offer
    assert found.cross_border
    [back] = candidates(offer)
    assert back.flow == need and back.cross_border


def test_reasons_read_in_the_readers_language(scenario, user):
    need, _ = scenario
    [found] = candidates(need, user=user)
    with translation.override("en"):
        texts = [r.text() for r in found.reasons]
    assert (
        "Same category: Résidus de fruits et légumes" in texts or "Same category: Residui di frutta e verdura" in texts
    )
    assert "Quantities fit: 120 t/year offered, 80 t/year needed" in texts
    assert "Available in September–November, when you need it" in texts
    assert any(t.startswith("Cross-border: ") and t.endswith("km by road (estimate)") for t in texts)
    with translation.override("en"):
        assert "Quantities fit" in [r.text() for r in candidates(need)[0].reasons]  # anonymous: no figures
    with translation.override("it"):
        it_texts = " ".join(r.text() for r in found.reasons)
    assert "Residui di frutta e verdura" in it_texts
    assert "settembre" in it_texts and "novembre" in it_texts
    with translation.override("fr"):
        fr_texts = " ".join(r.text() for r in found.reasons)
    assert "Résidus de fruits et légumes" in fr_texts
    assert "septembre" in fr_texts


def test_reason_codes_are_stable_for_the_api(scenario):
    need, _ = scenario
    [found] = candidates(need)
    codes = [r.code for r in found.reasons]
    assert codes[0] == "same_category"
    assert "cross_border" in codes
    assert found.reasons[0].params["category"]["it"] == "Residui di frutta e verdura"


def test_distance_is_great_circle_times_detour_factor(scenario):
    need, offer = scenario
    [found] = candidates(need)
    expected = haversine_km(need.latitude, need.longitude, offer.latitude, offer.longitude) * DETOUR_FACTOR
    assert DETOUR_FACTOR == 1.3
    assert found.distance_km == pytest.approx(expected, abs=0.1)


def test_same_code_beats_same_category_and_the_family_shows_only_alone():
    # The family-only candidate (same top category, another sub-category) used to come third at a
    # score that could beat a same-category pair; it is now shown only when nothing better exists,
    # and always as weak (below 50). Same commune, state, quantities and months: practical fit 1.
    cats = categories()
    code = ewc("02 03 04")
    here = savoie()
    need = flow_at(here, direction=NEED, nature=Flow.Nature.WASTE, ewc=code, category=cats["fruit"])
    same_root = flow_at(here, category=cats["green"], nature=Flow.Nature.WASTE, ewc=ewc("20 02 01"))
    same_category = flow_at(here, category=cats["fruit"])
    same_code = flow_at(here, category=cats["fruit"], nature=Flow.Nature.WASTE, ewc=code)
    flow_at(here, category=cats["wood"])  # another top category: never a candidate
    found = candidates(need)
    assert [c.flow for c in found] == [same_code, same_category]
    assert [(c.level, c.score, c.strength) for c in found] == [
        ("same_ewc", 100, "strong"),
        ("same_category", 90, "strong"),
    ]
    assert found[0].reasons[0].code == "same_ewc"
    for better in (same_code, same_category):
        better.status = Flow.Status.ARCHIVED
        better.save(update_fields=["status"])
    [alone] = candidates(need)
    assert (alone.flow, alone.level, alone.score, alone.strength) == (same_root, "same_root", 40, "weak")
    assert alone.reasons[0] == Reason(
        "same_root", {"category": {"fr": "Organique et agroalimentaire", "it": "Organico e agroalimentare"}}
    )


def test_own_organisation_drafts_archived_and_expired_are_left_out():
    import datetime

    here = savoie()
    need = flow_at(here, direction=NEED)
    good = flow_at(here)
    flow_at(here, organisation=need.organisation)  # own offer
    flow_at(here, status=Flow.Status.DRAFT)
    flow_at(here, status=Flow.Status.ARCHIVED)
    flow_at(here, expires_on=datetime.date(2000, 1, 1))
    flow_at(here, direction=NEED)  # same side
    flow_at(here, nature=Flow.Nature.ENERGY, physical_state="none")  # incompatible nature
    assert [c.flow for c in candidates(need)] == [good]


def test_a_draft_flow_has_no_candidates():
    here = savoie()
    need = flow_at(here, direction=NEED, status=Flow.Status.DRAFT)
    flow_at(here)
    assert candidates(need) == []


def test_season_mismatch_lowers_the_score():
    here = savoie()
    need = flow_at(here, direction=NEED, season_mask=months_mask([9, 10, 11]))
    in_season = flow_at(here, season_mask=months_mask([9, 10]))
    out_of_season = flow_at(here, season_mask=months_mask([3, 4]))
    found = {c.flow: c for c in candidates(need)}
    assert found[in_season].score > found[out_of_season].score
    codes = [r.code for r in found[out_of_season].reasons]
    assert "season_mismatch" in codes
    with translation.override("en"):
        text = next(r.text() for r in found[out_of_season].reasons if r.code == "season_mismatch")
    assert text == "Not available when needed: offered in March–April, needed in September–November"


def test_nearer_ranks_higher_and_radius_grows_to_far_flows():
    near_commune = savoie()
    far_commune = aosta()
    need = flow_at(near_commune, direction=NEED)
    near = flow_at(savoie("Aix-les-Bains", 45.6886, 5.9153, "73008"))
    far = flow_at(far_commune)
    found = [c.flow for c in candidates(need)]
    assert found == [near, far]


def test_quantities_hidden_from_who_may_not_see_them(scenario, org_people):
    need, offer = scenario
    offer.quantity_visibility = Flow.Visibility.FACILITATORS
    offer.save(update_fields=["quantity_visibility"])
    [found] = candidates(need, user=org_people.outsider)
    codes = [r.code for r in found.reasons]
    assert "quantity_fit_hidden" in codes and "quantity_fit" not in codes


def test_cross_border_candidates_are_not_buried():
    here = savoie()
    need = flow_at(here, direction=NEED)
    for _ in range(6):
        flow_at(here)
    italian = flow_at(aosta())
    found = candidates(need, limit=3)
    assert italian in [c.flow for c in found]
    assert len(found) == 3
