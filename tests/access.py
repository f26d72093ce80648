"""Helpers of the permission tables: each person as in a new request, and what a view-level
check answers (the value, or 403/404)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404


def fresh(user):
    """The same person in a new request: nothing cached on the user object."""
    return type(user).objects.get(pk=user.pk) if user.is_authenticated else AnonymousUser()


def outcome(call) -> object:
    """What `call()` gives, or 404/403 for the refusals it raises."""
    try:
        return call()
    except Http404:
        return 404
    except PermissionDenied:
        return 403
