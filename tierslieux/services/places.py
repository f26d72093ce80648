"""Writes on places: profile, status, freshness, opening hours, services, equipment and photos.

Only editors (the place's referents, partner staff, superusers: permissions.can_edit_place) may
write; every change is recorded in the audit log with what changed.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.audit.services import diff, record, snapshot
from tierslieux import hours
from tierslieux.models import Equipment, OpeningHours, Place, PlacePhoto, PlaceReferent, Service
from tierslieux.permissions import can_edit_place, is_staff_of_project, referent_place_ids

PROFILE_FIELDS = [
    "name",
    "operator",
    "description_fr",
    "description_it",
    "address",
    "postcode",
    "commune",
    "siret",
    "latitude",
    "longitude",
    "email",
    "phone",
    "website",
    "social_links",
    "access_conditions_fr",
    "access_conditions_it",
    "prices_fr",
    "prices_it",
    "languages",
    "wheelchair_accessible",
    "accessibility_fr",
    "accessibility_it",
    "open_to_other_country",
]
SERVICE_FIELDS = [
    "kind",
    "name_fr",
    "name_it",
    "description_fr",
    "description_it",
    "conditions_fr",
    "conditions_it",
    "price",
    "languages",
    "open_to_other_country",
]
EQUIPMENT_FIELDS = ["kind", "name", "model", "specs_fr", "specs_it", "booking_fr", "booking_it"]
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}


def _require_editor(place: Place, actor) -> None:
    if not can_edit_place(actor, place):
        raise PermissionDenied(_("Only the referents of this place and the project partners' staff may change it."))


def _m2m_ids(place: Place, name: str) -> list[int]:
    return sorted(getattr(place, name).values_list("pk", flat=True))


@transaction.atomic
def create_place(
    data: dict[str, Any], *, kinds: Iterable, sectors: Iterable = (), nace_divisions: Iterable = (), actor
) -> Place:
    """A draft place; partner staff or existing referents create it, and a referent keeps it."""
    if not (is_staff_of_project(actor) or referent_place_ids(actor)):
        raise PermissionDenied(_("Only referents and the project partners' staff may add a place."))
    place = Place(**data)
    place.full_clean(exclude=["country", "region", "department"])
    place.save()
    place.kinds.set(kinds)
    place.sectors.set(sectors)
    place.nace_divisions.set(nace_divisions)
    if not is_staff_of_project(actor):
        PlaceReferent.objects.create(place=place, user=actor)
        actor._tierslieux_places = None
    record(actor, "tierslieux.place.create", place, {"name": place.name, "status": place.status})
    return place


@transaction.atomic
def update_place(
    place: Place,
    data: dict[str, Any],
    *,
    kinds: Iterable | None = None,
    sectors: Iterable | None = None,
    nace_divisions: Iterable | None = None,
    actor,
) -> dict:
    """Change the profile; returns (and records) {field: [old, new]} — nothing when nothing changed."""
    _require_editor(place, actor)
    fields = [f for f in PROFILE_FIELDS if f in data]
    # A new commune without its own coordinates moves the place to the commune's point: those
    # columns are then compared (and saved) too.
    moved = "commune" in data and data.get("latitude") is None
    if moved:
        fields = [f for f in fields if f not in ("latitude", "longitude")] + ["latitude", "longitude"]
    before = snapshot(place, fields)
    for name in fields:
        if name in data:
            setattr(place, name, data[name])
    if moved:
        place.latitude, place.longitude = place.commune.latitude, place.commune.longitude
    place.full_clean(exclude=["country", "region", "department"])
    changes = diff(place, before, fields)
    for name, values in (("kinds", kinds), ("sectors", sectors), ("nace_divisions", nace_divisions)):
        if values is None:
            continue
        old = _m2m_ids(place, name)
        getattr(place, name).set(values)
        new = _m2m_ids(place, name)
        if old != new:
            changes[name] = [old, new]
    if changes:
        changes.update(_verified_by_referent(place, actor))
        columns = [name for name in changes if name not in ("kinds", "sectors", "nace_divisions")]
        if columns:
            place.save(update_fields=[*columns, "updated_at"])
        record(actor, "tierslieux.place.update", place, changes)
    return changes


def _verified_by_referent(place: Place, actor) -> dict:
    """A referent who saves a change to their place has just reviewed it: the page counts as
    verified today. Partner staff editing someone else's place leave the freshness to the referent.
    Returns the changes to record (nothing when the actor is not a referent of the place)."""
    if place.pk not in referent_place_ids(actor):
        return {}
    old, old_by = place.last_verified_at, place.last_verified_by_id
    place.last_verified_at, place.last_verified_by = timezone.now(), actor
    return {"last_verified_at": [old, place.last_verified_at], "last_verified_by": [old_by, actor.pk]}


def _set_status(place: Place, status: str, action: str, actor) -> None:
    _require_editor(place, actor)
    if place.status == status:
        return
    old = place.status
    place.status = status
    place.save(update_fields=["status", "updated_at"])
    record(actor, action, place, {"status": [old, status]})


@transaction.atomic
def publish_place(place: Place, *, actor) -> None:
    if not place.kinds.exists():
        raise ValidationError(_("Choose at least one kind of place before publishing it."))
    if not (place.description_fr or place.description_it):
        raise ValidationError(_("Write a description (in French or Italian) before publishing the place."))
    _set_status(place, Place.Status.PUBLISHED, "tierslieux.place.publish", actor)


@transaction.atomic
def archive_place(place: Place, *, actor) -> None:
    """A closed place leaves the directory and the map but keeps its history."""
    _set_status(place, Place.Status.ARCHIVED, "tierslieux.place.archive", actor)


@transaction.atomic
def mark_verified(place: Place, *, actor) -> None:
    """The editor confirms today that the page is up to date."""
    _require_editor(place, actor)
    old = place.last_verified_at
    place.last_verified_at = timezone.now()
    place.last_verified_by = actor
    place.save(update_fields=["last_verified_at", "last_verified_by", "updated_at"])
    record(actor, "tierslieux.place.verify", place, {"last_verified_at": [old, place.last_verified_at]})


@transaction.atomic
def save_opening_hours(place: Place, periods: list[hours.Period], *, actor) -> None:
    """Replace the place's opening hours by `periods`, after validating them."""
    _require_editor(place, actor)
    hours.validate_periods(periods)
    old = hours.osm_opening_hours(place.opening_hours.all())
    place.opening_hours.all().delete()
    OpeningHours.objects.bulk_create([OpeningHours(place=place, weekday=d, opens=o, closes=c) for d, o, c in periods])
    new = hours.osm_opening_hours(place.opening_hours.all())
    if old != new:
        changes = {"opening_hours": [old, new], **_verified_by_referent(place, actor)}
        if "last_verified_at" in changes:
            place.save(update_fields=["last_verified_at", "last_verified_by", "updated_at"])
        record(actor, "tierslieux.place.hours", place, changes)


def _save_child(model, instance, place: Place, data: dict[str, Any], fields: list[str], label: str, actor):
    _require_editor(place, actor)
    creating = instance is None
    instance = instance or model(place=place)
    if instance.place_id != place.pk:
        raise PermissionDenied
    fields = [f for f in fields if f in data]
    before = dict.fromkeys(fields) if creating else snapshot(instance, fields)
    for name in fields:
        setattr(instance, name, data[name])
    instance.full_clean()
    changes = diff(instance, before, fields)
    if creating:
        instance.save()
    elif changes:
        instance.save(update_fields=list(changes))
    if changes or creating:
        record(actor, f"tierslieux.{label}.{'create' if creating else 'update'}", instance, changes)
    return instance


@transaction.atomic
def save_service(place: Place, service: Service | None, data: dict[str, Any], *, actor) -> Service:
    if not (data.get("name_fr") or data.get("name_it") or (service and (service.name_fr or service.name_it))):
        raise ValidationError(_("Give the service a name, in French or in Italian."))
    return _save_child(Service, service, place, data, SERVICE_FIELDS, "service", actor)


@transaction.atomic
def save_equipment(place: Place, equipment: Equipment | None, data: dict[str, Any], *, actor) -> Equipment:
    return _save_child(Equipment, equipment, place, data, EQUIPMENT_FIELDS, "equipment", actor)


@transaction.atomic
def delete_child(place: Place, instance: Service | Equipment | PlacePhoto, *, actor) -> None:
    _require_editor(place, actor)
    if instance.place_id != place.pk:
        raise PermissionDenied
    label = type(instance).__name__.lower()
    record(actor, f"tierslieux.{label}.delete", place, {label: [str(instance), None]})
    instance.delete()


def photo_type(head: bytes) -> str | None:
    """The image type from the file's first bytes (never from its name or declared type)."""
    for content_type, magic in PHOTO_TYPES.items():
        if head.startswith(magic):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


@transaction.atomic
def add_photo(place: Place, upload: UploadedFile, caption: str = "", *, actor) -> PlacePhoto:
    _require_editor(place, actor)
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB: reduce it and try again."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if photo_type(head) is None:
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image. Choose a photo in one of these formats."))
    photo = PlacePhoto(place=place, caption=caption[:200])
    photo.file.save(upload.name, upload, save=False)
    photo.save()
    record(actor, "tierslieux.photo.create", place, {"photo": [None, photo.file.name]})
    return photo
