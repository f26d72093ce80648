"""Writes on users, organisations and memberships.

Each function validates, saves and audits in one transaction, and raises ValidationError with a
translated message that says what to fix. Views and serializers call these; they hold no rules.
"""

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.accounts import notifications, roles
from circuito.accounts.models import Membership, Organisation, User
from circuito.audit.services import diff, record, snapshot
from circuito.search.analysis import fold

ORGANISATION_FIELDS = [
    "kind",
    "legal_name",
    "country",
    "siret",
    "siren",
    "codice_fiscale",
    "partita_iva",
    "nace",
    "address",
    "postcode",
    "commune",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
    "languages",
    "description_fr",
    "description_it",
]
#: Kinds only the administrators assign (from the charter): nobody gives them to their own organisation.
RESERVED_KINDS = (Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)
IDENTIFIER_LABELS = {
    "siret": "SIRET",
    "siren": "SIREN",
    "codice_fiscale": "codice fiscale",
    "partita_iva": "partita IVA",
}


def find_duplicate(data: dict[str, Any], exclude_pk: int | None = None) -> tuple[str, Organisation] | None:
    """The first registered organisation that shares an identifier with `data`."""
    for field in IDENTIFIER_LABELS:
        value = data.get(field)
        if value:
            qs = Organisation.objects.filter(**{field: value})
            if exclude_pk:
                qs = qs.exclude(pk=exclude_pk)
            other = qs.first()
            if other:
                return field, other
    return None


def duplicate_error(field: str, other: Organisation) -> ValidationError:
    return ValidationError(
        {
            field: _(
                "An organisation with this %(identifier)s is already registered: %(name)s. "
                "Ask to join it instead of creating it again."
            )
            % {"identifier": IDENTIFIER_LABELS[field], "name": other.legal_name}
        }
    )


def name_key(name: str) -> str:
    """What two organisation names are compared on: case, accents, punctuation and spacing aside."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(name)))


def _same_name(org: Organisation, candidates) -> Organisation | None:
    key = name_key(org.legal_name)
    return next((other for other in candidates.exclude(pk=org.pk) if name_key(other.legal_name) == key), None)


def organisation_errors(org: Organisation, *, actor: User, before: dict[str, Any] | None = None) -> dict[str, str]:
    """The rules of the organisation form, for every way in (pages, API): a commune; no kind of
    the charter given by oneself; no charter partner's name, nor the name of an organisation
    already registered in the same commune. `before` holds the saved values of an update: what
    did not change is not checked again."""
    creating = not before
    before = before or {}
    errors: dict[str, str] = {}
    if org.commune_id is None and (creating or before.get("commune") is not None):
        errors["commune"] = _("Choose the commune of the organisation's address: it places it on the map.")
    if org.kind != before.get("kind") and not actor.is_staff:
        if org.kind in RESERVED_KINDS:
            errors["kind"] = _("Project partners are registered by the administrators from the charter.")
        elif before.get("kind") in RESERVED_KINDS:
            errors["kind"] = _("The kind of a project partner is set by the charter: ask the administrators.")
    if org.legal_name and name_key(org.legal_name) != name_key(before.get("legal_name") or ""):
        charter = Organisation.objects.filter(kind__in=RESERVED_KINDS) | Organisation.objects.exclude(partner_code="")
        taken = _same_name(org, charter.only("pk", "legal_name"))
        if taken:
            errors["legal_name"] = _(
                "“%(name)s” is the name of a project partner: give your organisation's own legal name."
            ) % {"name": taken.legal_name}
        elif org.commune_id is not None:
            taken = _same_name(org, Organisation.objects.filter(commune_id=org.commune_id).only("pk", "legal_name"))
            if taken:
                errors["legal_name"] = _(
                    "An organisation named “%(name)s” is already registered in this commune. "
                    "Ask to join it instead of creating it again."
                ) % {"name": taken.legal_name}
    return errors


def _apply(org: Organisation, data: dict[str, Any]) -> None:
    for field in ORGANISATION_FIELDS:
        if field in data:
            setattr(org, field, data[field])
    # Without an exact position the organisation is placed at its commune.
    if "commune" in data and (data.get("latitude") is None or data.get("longitude") is None):
        org.latitude = org.commune.latitude if org.commune else None
        org.longitude = org.commune.longitude if org.commune else None


def _save_unique(org: Organisation, data: dict[str, Any], **save_kwargs: Any) -> None:
    duplicate = find_duplicate(data, exclude_pk=org.pk)
    if duplicate:
        raise duplicate_error(*duplicate)
    try:
        with transaction.atomic():
            org.save(**save_kwargs)
    except IntegrityError as exc:  # a concurrent registration won the race
        duplicate = find_duplicate(data, exclude_pk=org.pk)
        if duplicate:
            raise duplicate_error(*duplicate) from exc
        raise


@transaction.atomic
def create_organisation(*, actor: User, data: dict[str, Any]) -> Organisation:
    """Register an organisation; its creator becomes its first administrator."""
    org = Organisation(slug=Organisation.unique_slug(data["legal_name"]))
    _apply(org, data)
    errors = organisation_errors(org, actor=actor)
    if errors:
        raise ValidationError(errors)
    _save_unique(org, data)
    Membership.objects.create(
        user=actor,
        organisation=org,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
        decided_at=timezone.now(),
        decided_by=actor,
    )
    roles.forget(actor)
    record(actor, "organisation.create", org, {"legal_name": org.legal_name, "kind": org.kind})
    return org


@transaction.atomic
def update_organisation(org: Organisation, *, actor: User, data: dict[str, Any]) -> Organisation:
    if not can_edit_organisation(actor, org):
        raise PermissionDenied
    org = Organisation.objects.select_for_update().get(pk=org.pk)
    before = snapshot(org, ORGANISATION_FIELDS)
    saved = {"kind": org.kind, "legal_name": org.legal_name, "commune": org.commune_id}
    _apply(org, data)
    changes = diff(org, before, ORGANISATION_FIELDS)
    if not changes:
        return org
    errors = organisation_errors(org, actor=actor, before=saved)
    if errors:
        raise ValidationError(errors)
    _save_unique(org, data, update_fields=[*changes, "updated_at"])
    record(actor, "organisation.update", org, changes)
    return org


def can_edit_organisation(user: User, org: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, organisation=org, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).exists()


@transaction.atomic
def request_membership(org: Organisation, *, actor: User, message: str = "") -> Membership:
    membership = Membership.objects.select_for_update().filter(user=actor, organisation=org).first()
    if membership and membership.status == Membership.Status.ACTIVE:
        raise ValidationError(_("You are already a member of %(name)s.") % {"name": org.legal_name})
    if membership and membership.status == Membership.Status.PENDING:
        raise ValidationError(
            _("Your request to join %(name)s is already waiting for its administrators.") % {"name": org.legal_name}
        )
    if membership:  # refused before: a new request starts over
        membership.status = Membership.Status.PENDING
        membership.message = message
        membership.decided_at = None
        membership.decided_by = None
        membership.requested_at = timezone.now()
        membership.save(update_fields=["status", "message", "decided_at", "decided_by", "requested_at"])
    else:
        membership = Membership.objects.create(user=actor, organisation=org, message=message)
    record(actor, "membership.request", membership, {"organisation": org.legal_name})
    transaction.on_commit(lambda: notifications.membership_requested(membership.pk))
    return membership


@transaction.atomic
def decide_membership(membership: Membership, *, actor: User, accept: bool) -> Membership:
    membership = Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    if not can_edit_organisation(actor, membership.organisation):
        raise PermissionDenied
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    membership.status = Membership.Status.ACTIVE if accept else Membership.Status.REFUSED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    roles.forget(membership.user)
    record(actor, "membership.accept" if accept else "membership.refuse", membership, {"user": membership.user.email})
    transaction.on_commit(lambda: notifications.membership_decided(membership.pk))
    return membership


def _active_admins(org: Organisation) -> int:
    return Membership.objects.filter(
        organisation=org, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).count()


@transaction.atomic
def update_membership(
    membership: Membership, *, actor: User, role: str | None = None, is_facilitator: bool | None = None
) -> Membership:
    membership = Membership.objects.select_for_update().select_related("organisation").get(pk=membership.pk)
    org = membership.organisation
    if not can_edit_organisation(actor, org):
        raise PermissionDenied
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Only active members can be given a role."))
    before = snapshot(membership, ["role", "is_facilitator"])
    if role is not None:
        if role not in Membership.Role.values:
            raise ValidationError(_("Unknown role."))
        if membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN and _active_admins(org) <= 1:
            raise ValidationError(_("An organisation keeps at least one administrator: make someone else one first."))
        membership.role = role
    if is_facilitator is not None:
        if is_facilitator and not org.is_project_partner:
            raise ValidationError(_("Only staff of a project partner or implementing body can be facilitators."))
        membership.is_facilitator = is_facilitator
    changes = diff(membership, before, ["role", "is_facilitator"])
    if changes:
        membership.save(update_fields=list(changes))
        roles.forget(membership.user)
        record(actor, "membership.update", membership, changes)
    return membership


@transaction.atomic
def remove_membership(membership: Membership, *, actor: User) -> None:
    """An administrator removes a member, or a member leaves."""
    membership = Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    org = membership.organisation
    if membership.user_id != actor.pk and not can_edit_organisation(actor, org):
        raise PermissionDenied
    if (
        membership.role == Membership.Role.ADMIN
        and membership.status == Membership.Status.ACTIVE
        and _active_admins(org) <= 1
        and Membership.objects.filter(organisation=org, status=Membership.Status.ACTIVE).count() > 1
    ):
        raise ValidationError(_("An organisation keeps at least one administrator: make someone else one first."))
    record(actor, "membership.remove", membership, {"user": membership.user.email, "organisation": org.legal_name})
    membership.delete()
    roles.forget(membership.user)


PROFILE_FIELDS = ["first_name", "last_name", "preferred_language", "receive_digests"]


@transaction.atomic
def update_profile(user: User, *, actor: User, data: dict[str, Any]) -> User:
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied
    before = snapshot(user, PROFILE_FIELDS)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    changes = diff(user, before, PROFILE_FIELDS)
    if changes:
        user.save(update_fields=list(changes))
        record(actor, "user.update", user, changes)
    return user


def blocking_organisations(user: User) -> list[Organisation]:
    """Organisations that would be left without an administrator if `user` went away."""
    blocking = []
    for m in Membership.objects.filter(
        user=user, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).select_related("organisation"):
        others = Membership.objects.filter(organisation=m.organisation, status=Membership.Status.ACTIVE).exclude(
            user=user
        )
        if others.exists() and not others.filter(role=Membership.Role.ADMIN).exists():
            blocking.append(m.organisation)
    return blocking


@transaction.atomic
def delete_account(user: User, *, actor: User) -> None:
    """GDPR erasure: the account, its memberships and its e-mail addresses go; organisations it
    alone administered with nobody else in them go too. Audit entries keep only the e-mail."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied
    blocking = blocking_organisations(user)
    if blocking:
        raise ValidationError(
            _("Before deleting your account, make another member administrator of: %(names)s.")
            % {"names": ", ".join(o.legal_name for o in blocking)}
        )
    lonely = [
        m.organisation
        for m in Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).select_related("organisation")
        if not Membership.objects.filter(organisation=m.organisation).exclude(user=user).exists()
        and not m.organisation.is_project_partner
    ]
    record(actor, "user.delete", user, {"email": user.email})
    for org in lonely:
        record(actor, "organisation.delete", org, {"legal_name": org.legal_name, "reason": "last member left"})
        org.delete()
    user.delete()
