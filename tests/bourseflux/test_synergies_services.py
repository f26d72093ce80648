"""Synergy services: expressing interest, stages, impact, and who may do what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext

from bourseflux import impact
from bourseflux.models import Flow, Synergy
from bourseflux.services import synergies as services
from circuito.audit.models import AuditEntry
from circuito.geo.distance import haversine_km
from tests.bourseflux import factories_synergies as fs
from tests.bourseflux.factories import FlowFactory

# Shared fixtures of the synergy tests.
facilitator = fs.facilitator
need_side = fs.need_side
offer_side = fs.offer_side

pytestmark = pytest.mark.django_db
Stage = Synergy.Stage


def fr(msgid):
    """The French message for msgid: the services speak the active language (French here)."""
    with translation.override("fr"):
        return gettext(msgid)


def messages(exc):
    return " ".join(exc.value.messages)


def test_full_flow_to_implemented_with_impact(offer_side, need_side, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        synergy = services.express_interest(
            actor=need_side.owner,
            offer=offer_side.flow,
            need=need_side.flow,
            message="Bonjour, votre marc nous intéresse.",
        )
    assert synergy.stage == Stage.PROPOSED
    assert synergy.cross_border is True
    expected_km = haversine_km(45.5646, 5.9178, 45.7370, 7.3201) * impact.DETOUR_FACTOR
    assert synergy.distance_km == pytest.approx(expected_km, abs=0.1)
    assert synergy.initiator == need_side.organisation
    assert synergy.messages.get().body.startswith("Bonjour")
    assert AuditEntry.objects.filter(action="synergy.create", object_id=str(synergy.pk)).exists()

    # The Italian side answers and moves it forward; a colleague of the French side runs the trial.
    services.change_stage(synergy, actor=offer_side.owner, to_stage=Stage.DISCUSSION)
    services.change_stage(synergy, actor=need_side.colleague, to_stage=Stage.TRIAL, note="3 t en octobre")
    synergy = services.change_stage(synergy, actor=offer_side.colleague, to_stage=Stage.IMPLEMENTED)
    assert synergy.implemented_on is not None
    assert list(synergy.stage_changes.values_list("to_stage", flat=True)) == [
        Stage.PROPOSED,
        Stage.DISCUSSION,
        Stage.TRIAL,
        Stage.IMPLEMENTED,
    ]

    synergy = services.record_impact(
        synergy, actor=need_side.owner, tonnes_per_year=120, transport="truck", money_saved_eur="4500"
    )
    factor = impact.disposal_factor("organic")
    expected = (
        120 * (factor.landfill - factor.recovery) / 1000
        - 120 * synergy.distance_km * impact.TRANSPORT_FACTORS["truck"] / 1000
    )
    assert factor is not impact.NO_FACTOR
    assert synergy.co2e_avoided_t == pytest.approx(expected, abs=0.001)
    assert synergy.co2e_avoided_t > 0
    assert synergy.money_saved_public is False
    assert AuditEntry.objects.filter(action="synergy.impact", object_id=str(synergy.pk)).exists()


def test_interest_is_idempotent(offer_side, need_side):
    first = services.express_interest(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    again = services.express_interest(actor=offer_side.owner, offer=offer_side.flow, need=need_side.flow, message="x")
    assert again.pk == first.pk
    assert Synergy.objects.count() == 1
    assert first.messages.count() == 0


def test_same_organisation_refused(offer_side):
    own_need = FlowFactory(site=offer_side.flow.site, direction=Flow.Direction.NEED)
    with pytest.raises(ValidationError) as exc:
        services.express_interest(actor=offer_side.owner, offer=offer_side.flow, need=own_need)
    same = fr("Both flows belong to the same organisation: a synergy is made between two organisations.")
    assert same in messages(exc)


def test_directions_and_publication_checked(offer_side, need_side):
    with pytest.raises(ValidationError) as exc:
        services.express_interest(actor=need_side.owner, offer=need_side.flow, need=offer_side.flow)
    assert fr("A synergy links an offer to a need: choose one flow of each direction.") in messages(exc)
    offer_side.flow.status = Flow.Status.DRAFT
    offer_side.flow.save()
    with pytest.raises(ValidationError) as exc:
        services.express_interest(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    assert fr("Both flows must be published before companies can be put in contact.") in messages(exc)


def test_outsider_cannot_express_interest_for_others(offer_side, need_side, org_people):
    with pytest.raises(PermissionDenied):
        services.express_interest(actor=org_people.outsider, offer=offer_side.flow, need=need_side.flow)


def test_abandon_requires_a_reason_and_can_be_reopened(offer_side, need_side):
    synergy = services.express_interest(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    with pytest.raises(ValidationError) as exc:
        services.change_stage(synergy, actor=offer_side.owner, to_stage=Stage.ABANDONED)
    assert "abandon_reason" in exc.value.message_dict
    synergy.refresh_from_db()
    assert synergy.stage == Stage.PROPOSED

    synergy = services.change_stage(
        synergy, actor=offer_side.owner, to_stage=Stage.ABANDONED, abandon_reason="distance", note="Trop loin"
    )
    assert (synergy.stage, synergy.abandon_reason, synergy.abandon_note) == (Stage.ABANDONED, "distance", "Trop loin")
    synergy = services.change_stage(synergy, actor=need_side.owner, to_stage=Stage.DISCUSSION)
    assert synergy.stage == Stage.DISCUSSION and synergy.abandon_reason == ""


def test_illegal_transition_refused_with_a_clear_message(offer_side, need_side):
    synergy = services.express_interest(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    with pytest.raises(ValidationError) as exc:
        services.change_stage(synergy, actor=need_side.owner, to_stage=Stage.IMPLEMENTED)
    text = " ".join(exc.value.messages)
    with translation.override("fr"):
        refused = gettext("A synergy cannot go from “%(from)s” to “%(to)s”.") % {
            "from": Stage.PROPOSED.label,
            "to": Stage.IMPLEMENTED.label,
        }
        hint = gettext("From there it can go to: %(stages)s.") % {
            "stages": f"{Stage.DISCUSSION.label}, {Stage.ABANDONED.label}"
        }
    assert refused in text and hint in text
    assert "Proposée" in text and "Mise en œuvre" in text and "En discussion" in text
    synergy.refresh_from_db()
    assert synergy.stage == Stage.PROPOSED


def test_implemented_is_final_except_for_facilitators(offer_side, need_side, facilitator):
    synergy = services.express_interest(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    services.change_stage(synergy, actor=need_side.owner, to_stage=Stage.DISCUSSION)
    services.change_stage(synergy, actor=need_side.owner, to_stage=Stage.IMPLEMENTED)
    with pytest.raises(ValidationError) as exc:
        services.change_stage(synergy, actor=offer_side.owner, to_stage=Stage.TRIAL)
    assert fr("An implemented synergy is final; ask a facilitator if it must be corrected.") in messages(exc)
    synergy = services.change_stage(synergy, actor=facilitator, to_stage=Stage.TRIAL, note="Correction")
    assert synergy.stage == Stage.TRIAL


def test_outsider_cannot_act_on_a_synergy(offer_side, need_side, org_people):
    synergy = services.express_interest(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    with pytest.raises(PermissionDenied):
        services.post_message(synergy, actor=org_people.outsider, body="spam")
    with pytest.raises(PermissionDenied):
        services.change_stage(synergy, actor=org_people.outsider, to_stage=Stage.DISCUSSION)


def test_impact_validation(offer_side, need_side):
    synergy = services.express_interest(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    with pytest.raises(ValidationError) as exc:
        services.record_impact(synergy, actor=need_side.owner, tonnes_per_year=10, transport="truck")
    assert fr("The impact is recorded once the synergy is implemented.") in messages(exc)
    services.change_stage(synergy, actor=need_side.owner, to_stage=Stage.DISCUSSION)
    services.change_stage(synergy, actor=need_side.owner, to_stage=Stage.IMPLEMENTED)
    for bad in (-1, impact.MAX_TONNES_PER_YEAR * 10, "lots"):
        with pytest.raises(ValidationError) as exc:
            services.record_impact(synergy, actor=need_side.owner, tonnes_per_year=bad, transport="truck")
        assert "tonnes_per_year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.record_impact(synergy, actor=need_side.owner, tonnes_per_year=5, transport="rocket")
    assert "transport" in exc.value.message_dict
    synergy.refresh_from_db()
    assert synergy.tonnes_per_year is None


def test_facilitator_opens_and_follows(offer_side, need_side, facilitator):
    synergy = services.open_synergy_for(
        actor=facilitator, offer=offer_side.flow, need=need_side.flow, for_organisation=need_side.organisation
    )
    assert synergy.facilitator == facilitator and synergy.initiator == need_side.organisation
    with pytest.raises(PermissionDenied):
        services.open_synergy_for(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    with pytest.raises(ValidationError):
        services.assign_facilitator(synergy, actor=facilitator, facilitator=need_side.owner)
