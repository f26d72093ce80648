from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from circuito.accounts import roles


def portal(request: HttpRequest) -> dict:
    """Values every page needs: the site URL, and whether the user works for a project partner
    (computed only when a template asks, so pages that do not show the workspace pay nothing)."""
    user = getattr(request, "user", None)
    return {
        "SITE_URL": settings.SITE_URL,
        "DEBUG": settings.DEBUG,
        "is_partner_staff": SimpleLazyObject(lambda: bool(user and roles.is_partner_staff(user))),
        "is_lead_partner_staff": SimpleLazyObject(lambda: bool(user and roles.is_lead_partner_staff(user))),
    }
