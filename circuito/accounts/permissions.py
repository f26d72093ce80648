"""The one place that decides who may see or change an organisation; views and the API use it."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from circuito.accounts import roles
from circuito.accounts.models import Membership, Organisation, User


@dataclass(frozen=True)
class OrganisationAccess:
    organisation: Organisation
    membership: Membership | None
    can_edit: bool  # organisation administrators (and superusers)
    can_see_members: bool  # active members, partner staff, superusers


def organisation_access(org: Organisation, user: User) -> OrganisationAccess:
    membership = None
    if user.is_authenticated:
        membership = Membership.objects.filter(user=user, organisation=org).first()
    active = membership is not None and membership.status == Membership.Status.ACTIVE
    is_admin = active and membership.role == Membership.Role.ADMIN
    superuser = user.is_authenticated and user.is_superuser
    return OrganisationAccess(
        organisation=org,
        membership=membership,
        can_edit=is_admin or superuser,
        can_see_members=active or superuser or (user.is_authenticated and roles.is_partner_staff(user)),
    )


def get_organisation(slug: str, user: User, *, edit: bool = False, members: bool = False) -> OrganisationAccess:
    """The organisation and what `user` may do with it; 404 if unknown, 403 if the asked right
    is missing. Public profile data needs no right."""
    org = get_object_or_404(Organisation.objects.select_related("commune__department", "nace"), slug=slug)
    access = organisation_access(org, user)
    if edit and not access.can_edit:
        raise PermissionDenied
    if members and not access.can_see_members:
        raise PermissionDenied
    return access
