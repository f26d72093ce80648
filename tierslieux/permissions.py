"""Who may see and change places, requests and events: the one place, used by pages and the API.

- A place is edited by its referents, by partner staff and by superusers; edits by anyone else
  go through them. Published places are public; drafts and archived places only for editors.
- A service request is seen by the members of the requesting company, the place's referents,
  partner staff and superusers — never by anyone else.
- An event is managed by the members of its organiser, the referents of its place and partner
  staff; a participant's contact details are shown only to those managers.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from circuito.accounts import roles
from circuito.accounts.models import Membership
from tierslieux.models import Event, Place, ServiceRequest


def member_organisation_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_tierslieux_orgs", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values_list(
                "organisation_id", flat=True
            )
        )
        user._tierslieux_orgs = cached
    return cached


def is_staff_of_project(user) -> bool:
    """Partner staff (and superusers)."""
    return user.is_authenticated and (user.is_superuser or roles.is_partner_staff(user))


def referent_place_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_tierslieux_places", None)
    if cached is None:
        cached = set(user.referent_of.values_list("place_id", flat=True))
        user._tierslieux_places = cached
    return cached


def can_edit_place(user, place: Place) -> bool:
    return is_staff_of_project(user) or place.pk in referent_place_ids(user)


@dataclass(frozen=True)
class PlaceAccess:
    place: Place
    can_edit: bool


def visible_places(user) -> QuerySet[Place]:
    if is_staff_of_project(user):
        return Place.objects.all()
    return Place.objects.filter(Q(status=Place.Status.PUBLISHED) | Q(pk__in=referent_place_ids(user)))


def get_place(slug: str, user, *, edit: bool = False) -> PlaceAccess:
    """404 for a place the user may not see (drafts do not leak), 403 for editing without right."""
    place = Place.objects.select_related("commune__department", "operator", "region").filter(slug=slug).first()
    if place is None:
        raise Http404
    editable = can_edit_place(user, place)
    if place.status != Place.Status.PUBLISHED and not editable:
        raise Http404
    if edit and not editable:
        raise PermissionDenied
    return PlaceAccess(place=place, can_edit=editable)


def can_see_request(user, request: ServiceRequest) -> bool:
    if not user.is_authenticated:
        return False
    return (
        is_staff_of_project(user)
        or request.organisation_id in member_organisation_ids(user)
        or request.place_id in referent_place_ids(user)
    )


def get_request(pk: int, user) -> ServiceRequest:
    request = ServiceRequest.objects.select_related("place", "organisation", "service").filter(pk=pk).first()
    if request is None or not can_see_request(user, request):
        raise Http404
    return request


def visible_requests(user) -> QuerySet[ServiceRequest]:
    if not user.is_authenticated:
        return ServiceRequest.objects.none()
    if is_staff_of_project(user):
        return ServiceRequest.objects.all()
    return ServiceRequest.objects.filter(
        Q(organisation_id__in=member_organisation_ids(user)) | Q(place_id__in=referent_place_ids(user))
    )


def can_manage_event(user, event: Event) -> bool:
    return (
        is_staff_of_project(user)
        or event.organiser_id in member_organisation_ids(user)
        or (event.place_id is not None and event.place_id in referent_place_ids(user))
    )
