"""The last seat under concurrency: many people register at the same moment, only `capacity`
get a seat, the others wait. Needs a database with row locks (Postgres); SQLite serialises
writers by locking the whole file, which says nothing about select_for_update."""

import threading

import pytest
from django.db import connection

from tests.factories import UserFactory
from tests.tierslieux.factories import EventFactory
from tierslieux.models import Registration
from tierslieux.services.events import register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on Postgres"),
]


def test_simultaneous_registrations_never_exceed_capacity():
    event = EventFactory(capacity=3)
    users = [UserFactory() for _ in range(10)]
    barrier = threading.Barrier(len(users))
    errors: list[Exception] = []

    def attempt(user) -> None:
        try:
            barrier.wait()
            register(event, user=user)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.REGISTERED) == 3
    assert statuses.count(Registration.Status.WAITING) == 7
