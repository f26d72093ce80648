"""Project roles, derived from active memberships.

- partner staff: active member of a project partner or of an implementing body;
- lead partner staff: the same, for the lead partner (Regione Liguria) or its implementing body;
- facilitator: partner staff whose membership carries the facilitator flag.
Results are cached on the user object for the duration of a request.
"""

from django.db.models import Q, QuerySet

from circuito.accounts.models import Membership, Organisation, User

_PARTNER_KINDS = (Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)


def _active(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)


def _roles(user: User) -> dict[str, bool]:
    cached = getattr(user, "_circuito_roles", None)
    if cached is not None:
        return cached
    roles = {"partner": False, "lead": False, "facilitator": False}
    if user.is_authenticated:
        rows = (
            _active(user)
            .filter(organisation__kind__in=_PARTNER_KINDS)
            .values_list(
                "is_facilitator", "organisation__is_lead_partner", "organisation__delegating_partner__is_lead_partner"
            )
        )
        for facilitator, lead, delegating_lead in rows:
            roles["partner"] = True
            roles["lead"] = roles["lead"] or bool(lead or delegating_lead)
            roles["facilitator"] = roles["facilitator"] or facilitator
    user._circuito_roles = roles
    return roles


def is_partner_staff(user: User) -> bool:
    return _roles(user)["partner"]


def is_lead_partner_staff(user: User) -> bool:
    return _roles(user)["lead"]


def is_facilitator(user: User) -> bool:
    return _roles(user)["facilitator"]


def active_organisations(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__status=Membership.Status.ACTIVE).distinct()


def partner_of(user: User) -> QuerySet[Organisation]:
    """The project partners a staff member works for (through the partner or its implementing body)."""
    orgs = active_organisations(user).filter(kind__in=_PARTNER_KINDS)
    return Organisation.objects.filter(
        Q(pk__in=orgs.filter(kind=Organisation.Kind.PARTNER).values("pk"))
        | Q(pk__in=orgs.filter(kind=Organisation.Kind.IMPLEMENTING_BODY).values("delegating_partner"))
    )


def partner_ids(user: User) -> set[int]:
    """Primary keys of `partner_of(user)`, cached on the user for the duration of a request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_circuito_partner_ids", None)
    if cached is None:
        cached = set(partner_of(user).values_list("pk", flat=True))
        user._circuito_partner_ids = cached
    return cached


def forget(user: User) -> None:
    """Drop the cached roles after a membership change in the same request."""
    for name in ("_circuito_roles", "_circuito_partner_ids"):
        if hasattr(user, name):
            delattr(user, name)
