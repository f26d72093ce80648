"""Innovation demand and offer: companies post needs for support, places post calls or offers;
places and partners answer needs, companies answer calls. Answers are seen only by the two
sides concerned and partner staff."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.accounts import roles
from circuito.accounts.models import Organisation
from circuito.audit.services import record
from tierslieux import notifications
from tierslieux.models import InnovationAnswer, InnovationNeed, Place, Sector, ServiceKind
from tierslieux.permissions import is_staff_of_project, member_organisation_ids, referent_place_ids

MAX_ANSWER_LENGTH = 5000


def can_manage_need(user, need: InnovationNeed) -> bool:
    """The need's company members, its place's referents, and partner staff."""
    if not user.is_authenticated:
        return False
    return (
        is_staff_of_project(user)
        or (need.organisation_id is not None and need.organisation_id in member_organisation_ids(user))
        or (need.place_id is not None and need.place_id in referent_place_ids(user))
    )


def visible_answers(user, need: InnovationNeed) -> QuerySet[InnovationAnswer]:
    answers = need.answers.select_related("place", "organisation", "author")
    if can_manage_need(user, need):
        return answers
    return answers.filter(
        Q(author=user) | Q(place_id__in=referent_place_ids(user)) | Q(organisation_id__in=member_organisation_ids(user))
    )


def create_need(
    *,
    actor,
    data: dict,
    organisation: Organisation | None = None,
    place: Place | None = None,
    service_kinds: list[ServiceKind] | None = None,
    sectors: list[Sector] | None = None,
) -> InnovationNeed:
    """A demand for `organisation` (its active members) or a call/offer for `place` (its referents)."""
    if (organisation is None) == (place is None):
        raise ValidationError(_("Post either for one of your companies or for one of your places."))
    if organisation is not None and organisation.pk not in member_organisation_ids(actor):
        raise PermissionDenied(_("You can only post for a company you are an active member of."))
    if place is not None and place.pk not in referent_place_ids(actor) and not is_staff_of_project(actor):
        raise PermissionDenied(_("You can only post a call for a place you keep up to date."))
    if not (data.get("title_fr") or "").strip() and not (data.get("title_it") or "").strip():
        raise ValidationError({"title_fr": _("Give a title, in French or in Italian.")})
    deadline: date | None = data.get("deadline")
    if deadline and deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline is in the past: choose a later date or leave it empty.")})
    fields = ("title_fr", "title_it", "description_fr", "description_it")
    with transaction.atomic():
        need = InnovationNeed.objects.create(
            kind=InnovationNeed.Kind.DEMAND if organisation else InnovationNeed.Kind.OFFER,
            organisation=organisation,
            place=place,
            deadline=deadline,
            created_by=actor,
            **{f: (data.get(f) or "").strip() for f in fields},
        )
        need.service_kinds.set(service_kinds or [])
        need.sectors.set(sectors or [])
        record(
            actor,
            "tierslieux.innovation_created",
            need,
            {"kind": need.kind, "organisation": organisation, "place": place},
        )
    return need


def answer_need(
    need: InnovationNeed, *, actor, body: str, place: Place | None = None, organisation: Organisation | None = None
) -> InnovationAnswer:
    """Referents answer for a place; partner staff for their partner organisation; company members
    answer a place's call for their company."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your answer before sending it.")})
    if len(body) > MAX_ANSWER_LENGTH:
        raise ValidationError(
            {"body": _("The answer is too long: keep it under %(n)s characters.") % {"n": MAX_ANSWER_LENGTH}}
        )
    if need.status != InnovationNeed.Status.OPEN:
        raise ValidationError(_("This need is closed: it no longer takes answers."))
    if place is not None:
        if place.pk not in referent_place_ids(actor):
            raise PermissionDenied(_("You can only answer for a place you are a referent of."))
        if need.place_id == place.pk:
            raise ValidationError(_("A place cannot answer its own call."))
        organisation = None
    elif organisation is not None:
        if organisation.pk not in member_organisation_ids(actor):
            raise PermissionDenied(_("You can only answer for a company you are an active member of."))
        if need.organisation_id == organisation.pk:
            raise ValidationError(_("A company cannot answer its own need."))
    elif roles.is_partner_staff(actor):
        organisation = roles.partner_of(actor).first()
    if place is None and organisation is None:
        raise ValidationError(_("Choose the place or the organisation you answer for."))
    with transaction.atomic():
        answer = InnovationAnswer.objects.create(
            need=need, place=place, organisation=organisation, author=actor, body=body
        )
        record(
            actor,
            "tierslieux.innovation_answered",
            need,
            {"answer": answer.pk, "place": place, "organisation": organisation},
        )
        transaction.on_commit(lambda: notifications.need_answered(answer.pk))
    return answer


def close_need(need: InnovationNeed, *, actor) -> InnovationNeed:
    if not can_manage_need(actor, need):
        raise PermissionDenied
    if need.status == InnovationNeed.Status.CLOSED:
        raise ValidationError(_("This need is already closed."))
    with transaction.atomic():
        need.status = InnovationNeed.Status.CLOSED
        need.save(update_fields=["status"])
        record(actor, "tierslieux.innovation_closed", need, {"status": [InnovationNeed.Status.OPEN, need.status]})
    return need


def open_needs() -> QuerySet[InnovationNeed]:
    """Open needs and calls whose deadline has not passed."""
    return InnovationNeed.objects.filter(status=InnovationNeed.Status.OPEN).filter(
        Q(deadline__isnull=True) | Q(deadline__gte=timezone.localdate())
    )


def matching_needs(place: Place) -> QuerySet[InnovationNeed]:
    """Open company demands whose services sought match the place's services, or whose sectors
    match the sectors it serves."""
    kinds = place.services.values("kind_id")
    sectors = place.sectors.values("pk")
    matching = InnovationNeed.objects.filter(Q(service_kinds__in=kinds) | Q(sectors__in=sectors)).values("pk")
    return (
        open_needs()
        .filter(kind=InnovationNeed.Kind.DEMAND, pk__in=matching)
        .select_related("organisation", "place")
        .prefetch_related("service_kinds", "sectors")
    )
