"""Writes on synergies: expressing interest, messages, stage changes, impact, facilitators.

Each function checks who acts, validates with messages that say what to fix, saves with
`update_fields`, writes the audit entry and queues its e-mails after the commit.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bourseflux import impact, notifications
from bourseflux.models import Flow, Synergy, SynergyMessage, SynergyStageChange, SynergySupplier
from bourseflux.permissions import can_edit_flow, can_see_synergy, is_facilitator, member_organisation_ids
from circuito.audit.services import diff, record, snapshot

Stage = Synergy.Stage
MAX_MESSAGE_LENGTH = 5000

# Where each stage may go next. Abandoned synergies may be reopened; an implemented one is final,
# except that facilitators may correct it (see `allowed_stages`).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.PROPOSED: (Stage.DISCUSSION, Stage.ABANDONED),
    Stage.DISCUSSION: (Stage.TRIAL, Stage.IMPLEMENTED, Stage.ABANDONED),
    Stage.TRIAL: (Stage.IMPLEMENTED, Stage.ABANDONED),
    Stage.ABANDONED: (Stage.DISCUSSION,),
    Stage.IMPLEMENTED: (),
}
IMPACT_FIELDS = [
    "tonnes_per_year",
    "transport",
    "distance_km",
    "money_saved_eur",
    "money_saved_public",
    "co2e_avoided_t",
]


def allowed_stages(user, synergy: Synergy) -> list[str]:
    """The stages `user` may move `synergy` to now (empty for someone who may not act)."""
    if not can_see_synergy(user, synergy):
        return []
    if synergy.stage == Stage.IMPLEMENTED and is_facilitator(user):
        return [Stage.DISCUSSION, Stage.TRIAL, Stage.ABANDONED]
    return list(TRANSITIONS[synergy.stage])


def _side_organisation_id(user, synergy: Synergy) -> int | None:
    """The organisation on whose behalf `user` writes in the synergy (None for a facilitator)."""
    orgs = member_organisation_ids(user)
    for org_id in (synergy.offer.organisation_id, synergy.need.organisation_id):
        if org_id in orgs:
            return org_id
    return None


def _check_pair(offer: Flow, need: Flow) -> None:
    if offer.direction != Flow.Direction.OFFER or need.direction != Flow.Direction.NEED:
        raise ValidationError(_("A synergy links an offer to a need: choose one flow of each direction."))
    if offer.status != Flow.Status.PUBLISHED or need.status != Flow.Status.PUBLISHED:
        raise ValidationError(_("Both flows must be published before companies can be put in contact."))
    if offer.organisation_id == need.organisation_id:
        raise ValidationError(
            _("Both flows belong to the same organisation: a synergy is made between two organisations.")
        )


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            {"body": _("The message is too long: keep it under %(n)d characters.") % {"n": MAX_MESSAGE_LENGTH}}
        )
    return body


@transaction.atomic
def _open(*, actor, offer: Flow, need: Flow, message: str, facilitator=None, initiator_id=None) -> Synergy:
    _check_pair(offer, need)
    body = _clean_body(message)
    existing = Synergy.objects.filter(offer=offer, need=need).first()
    if existing:
        if facilitator and not existing.facilitator_id:
            existing.facilitator = facilitator
            existing.save(update_fields=["facilitator"])
            record(actor, "synergy.assign_facilitator", existing, {"facilitator": facilitator.pk})
        return existing
    synergy = Synergy(
        offer=offer,
        need=need,
        stage=Stage.PROPOSED,
        initiated_by=actor,
        initiator_id=initiator_id,
        facilitator=facilitator,
        cross_border=offer.country != need.country,
        distance_km=round(impact.road_distance_km(offer.latitude, offer.longitude, need.latitude, need.longitude), 1),
    )
    try:
        with transaction.atomic():  # a concurrent click on "contact" may have created it first
            synergy.save()
    except IntegrityError:
        return Synergy.objects.get(offer=offer, need=need)
    SynergySupplier.objects.create(synergy=synergy, offer=offer, position=0)  # the lead supplier
    SynergyStageChange.objects.create(synergy=synergy, from_stage="", to_stage=Stage.PROPOSED, by=actor)
    if body:
        SynergyMessage.objects.create(synergy=synergy, author=actor, organisation_id=initiator_id, body=body)
    record(
        actor,
        "synergy.create",
        synergy,
        {
            "offer": offer.pk,
            "need": need.pk,
            "initiator": initiator_id,
            "facilitator": getattr(facilitator, "pk", None),
        },
    )
    transaction.on_commit(lambda: notifications.interest_expressed(synergy.pk, actor.pk))
    return synergy


def express_interest(*, actor, offer: Flow, need: Flow, message: str = "") -> Synergy:
    """A company (or a facilitator for it) contacts the other side. Returns the existing synergy
    when the pair is already followed, so that a second click creates nothing."""
    if not actor.is_authenticated:
        raise PermissionDenied
    orgs = member_organisation_ids(actor)
    if not (can_edit_flow(actor, offer) or can_edit_flow(actor, need) or is_facilitator(actor)):
        raise PermissionDenied
    initiator_id = next((f.organisation_id for f in (need, offer) if f.organisation_id in orgs), None)
    return _open(actor=actor, offer=offer, need=need, message=message, initiator_id=initiator_id)


def open_synergy_for(*, actor, offer: Flow, need: Flow, message: str = "", for_organisation=None) -> Synergy:
    """A facilitator opens (or takes over) a synergy between two companies and follows it."""
    if not is_facilitator(actor):
        raise PermissionDenied
    initiator_id = getattr(for_organisation, "pk", None)
    if initiator_id and initiator_id not in (offer.organisation_id, need.organisation_id):
        raise ValidationError(_("The synergy can only be opened for one of the two organisations."))
    return _open(actor=actor, offer=offer, need=need, message=message, facilitator=actor, initiator_id=initiator_id)


@transaction.atomic
def assign_facilitator(synergy: Synergy, *, actor, facilitator) -> Synergy:
    if not is_facilitator(actor):
        raise PermissionDenied
    if facilitator is not None and not is_facilitator(facilitator):
        raise ValidationError(_("Only a facilitator of the project can follow a synergy."))
    synergy = Synergy.objects.select_for_update().get(pk=synergy.pk)
    before = snapshot(synergy, ["facilitator"])
    synergy.facilitator = facilitator
    changes = diff(synergy, before, ["facilitator"])
    if changes:
        synergy.save(update_fields=["facilitator"])
        record(actor, "synergy.assign_facilitator", synergy, changes)
    return synergy


@transaction.atomic
def post_message(synergy: Synergy, *, actor, body: str) -> SynergyMessage:
    if not can_see_synergy(actor, synergy):
        raise PermissionDenied
    body = _clean_body(body)
    if not body:
        raise ValidationError({"body": _("Write a message before sending it.")})
    message = SynergyMessage.objects.create(
        synergy=synergy, author=actor, organisation_id=_side_organisation_id(actor, synergy), body=body
    )
    record(actor, "synergy.message", synergy, {"message": message.pk})
    transaction.on_commit(lambda: notifications.message_posted(message.pk))
    return message


@transaction.atomic
def change_stage(synergy: Synergy, *, actor, to_stage: str, note: str = "", abandon_reason: str = "") -> Synergy:
    if not can_see_synergy(actor, synergy):
        raise PermissionDenied
    synergy = Synergy.objects.select_for_update().select_related("offer", "need").get(pk=synergy.pk)
    labels = dict(Stage.choices)
    if to_stage not in labels:
        raise ValidationError({"to_stage": _("Unknown stage: choose one of the buttons offered.")})
    if to_stage == synergy.stage:
        raise ValidationError(_("The synergy is already at the stage “%(stage)s”.") % {"stage": labels[to_stage]})
    allowed = allowed_stages(actor, synergy)
    if to_stage not in allowed:
        if allowed:
            hint = _("From there it can go to: %(stages)s.") % {"stages": ", ".join(str(labels[s]) for s in allowed)}
        else:
            hint = _("An implemented synergy is final; ask a facilitator if it must be corrected.")
        refused = _("A synergy cannot go from “%(from)s” to “%(to)s”.") % {
            "from": labels[synergy.stage],
            "to": labels[to_stage],
        }
        raise ValidationError(f"{refused} {hint}")
    fields = ["stage", "stage_changed_at"]
    if to_stage == Stage.ABANDONED:
        if abandon_reason not in Synergy.AbandonReason.values:
            raise ValidationError({"abandon_reason": _("Say why the synergy is abandoned: choose a reason.")})
        synergy.abandon_reason, synergy.abandon_note = abandon_reason, (note or "").strip()
        fields += ["abandon_reason", "abandon_note"]
    elif synergy.stage == Stage.ABANDONED:
        synergy.abandon_reason, synergy.abandon_note = "", ""
        fields += ["abandon_reason", "abandon_note"]
    if to_stage == Stage.IMPLEMENTED:
        synergy.implemented_on = timezone.localdate()
        fields.append("implemented_on")
    from_stage = synergy.stage
    synergy.stage, synergy.stage_changed_at = to_stage, timezone.now()
    synergy.save(update_fields=fields)
    change = SynergyStageChange.objects.create(
        synergy=synergy, from_stage=from_stage, to_stage=to_stage, by=actor, note=(note or "").strip()
    )
    record(
        actor,
        "synergy.stage",
        synergy,
        {"stage": [from_stage, to_stage], "abandon_reason": synergy.abandon_reason or None},
    )
    transaction.on_commit(lambda: notifications.stage_changed(change.pk))
    return synergy


def _number(value, field: str, *, maximum: float, what) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a number for %(what)s.") % {"what": what}}) from None
    if number < 0 or number > maximum or number != number:
        raise ValidationError(
            {field: _("Enter %(what)s between 0 and %(max)s.") % {"what": what, "max": f"{maximum:,.0f}"}}
        )
    return number


@transaction.atomic
def record_impact(
    synergy: Synergy,
    *,
    actor,
    tonnes_per_year,
    transport: str,
    distance_km=None,
    money_saved_eur=None,
    money_saved_public: bool = False,
) -> Synergy:
    """Record (or correct) the impact of an implemented synergy and compute its CO2e avoided."""
    if not can_see_synergy(actor, synergy):
        raise PermissionDenied
    synergy = Synergy.objects.select_for_update().select_related("offer__category_root").get(pk=synergy.pk)
    if synergy.stage != Stage.IMPLEMENTED:
        raise ValidationError(_("The impact is recorded once the synergy is implemented."))
    tonnes = _number(tonnes_per_year, "tonnes_per_year", maximum=impact.MAX_TONNES_PER_YEAR, what=_("tonnes per year"))
    if tonnes is None:
        raise ValidationError({"tonnes_per_year": _("Enter the tonnes per year exchanged (0 if none).")})
    if transport not in Synergy.Transport.values:
        raise ValidationError({"transport": _("Choose how the material travels.")})
    distance = _number(distance_km, "distance_km", maximum=impact.MAX_DISTANCE_KM, what=_("the distance in km"))
    if distance is None:
        distance = synergy.distance_km
    money = None
    if money_saved_eur not in (None, ""):
        try:
            money = Decimal(str(money_saved_eur)).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValidationError({"money_saved_eur": _("Enter an amount in euros, e.g. 1200.50.")}) from None
        if money < 0 or money >= Decimal("1e10"):
            raise ValidationError({"money_saved_eur": _("Enter an amount in euros of 0 or more.")})
    before = snapshot(synergy, IMPACT_FIELDS)
    synergy.tonnes_per_year, synergy.transport, synergy.distance_km = tonnes, transport, distance
    synergy.money_saved_eur, synergy.money_saved_public = money, bool(money_saved_public and money is not None)
    synergy.co2e_avoided_t = impact.co2e_avoided_t(tonnes, synergy.offer.category_root.code, transport, distance)
    changes = diff(synergy, before, IMPACT_FIELDS)
    if changes:
        synergy.save(update_fields=IMPACT_FIELDS)
        record(actor, "synergy.impact", synergy, changes)
    return synergy
