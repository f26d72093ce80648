"""Unread state of service request threads, per user, from their read markers (RequestRead).

A thread is unread for a user when someone else wrote in it after the user last opened it (or
the user never opened it). Worked out in the database, so a list page or a dashboard count takes
a fixed number of queries however many requests there are.
"""

from django.db.models import BooleanField, Case, F, Max, OuterRef, Q, QuerySet, Subquery, Value, When

from tierslieux.models import RequestRead, ServiceRequest
from tierslieux.permissions import member_organisation_ids, referent_place_ids, visible_requests


def with_unread(queryset: QuerySet[ServiceRequest], user) -> QuerySet[ServiceRequest]:
    """Annotate `last_message_at`, `last_other_at` (last message by someone else), `read_at`
    (the user's marker) and `unread`."""
    others = Q(messages__author__isnull=True) | ~Q(messages__author=user)
    read_at = RequestRead.objects.filter(user=user, request=OuterRef("pk")).values("last_read_at")[:1]
    return queryset.annotate(
        last_message_at=Max("messages__created_at"),
        last_other_at=Max("messages__created_at", filter=others),
        read_at=Subquery(read_at),
    ).annotate(
        unread=Case(
            When(Q(last_other_at__isnull=False, read_at__isnull=True), then=Value(True)),
            When(last_other_at__gt=F("read_at"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def my_requests(user) -> QuerySet[ServiceRequest]:
    """Requests the user takes part in: sent by their companies or received by their places."""
    return visible_requests(user).filter(
        Q(organisation_id__in=member_organisation_ids(user)) | Q(place_id__in=referent_place_ids(user))
    )


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return with_unread(my_requests(user), user).filter(unread=True).count()
