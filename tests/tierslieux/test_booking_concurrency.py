"""Two people book the same slot at the same moment: exactly one gets it, the other is told, in
their language, that the slot was just taken. Needs PostgreSQL (row locks and the exclusion
constraint); SQLite serialises writers by locking the whole file, which proves nothing here."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from tests.tierslieux.factories_booking import bookable_lab, slot_in
from tierslieux.models import Booking
from tierslieux.services.booking import request_booking

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and exclusion constraints: PostgreSQL"),
]


def test_two_simultaneous_requests_for_one_slot_one_wins():
    lab = bookable_lab()
    starts_at = slot_in(3, 10)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def attempt(user, lang: str) -> None:
        try:
            with translation.override(lang):
                barrier.wait()
                outcomes[lang] = request_booking(lab.equipment, starts_at=starts_at, actor=user)
        except Exception as exc:  # noqa: BLE001 - asserted below
            with translation.override(lang):
                outcomes[lang] = exc
                outcomes[f"{lang}-message"] = " ".join(getattr(exc, "messages", [str(exc)]))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(lab.booker, "it")),
        threading.Thread(target=attempt, args=(lab.outsider, "fr")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [lang for lang in ("it", "fr") if isinstance(outcomes[lang], Booking)]
    assert len(winners) == 1
    loser = "fr" if winners == ["it"] else "it"
    assert getattr(outcomes[loser], "code", None) == "slot_taken"
    expected = {"fr": "vient d'être réservé", "it": "appena stata prenotata"}[loser]
    assert expected in outcomes[f"{loser}-message"]
    assert Booking.objects.filter(equipment=lab.equipment).count() == 1


def test_the_database_refuses_an_overlap_that_skips_the_service():
    """The exclusion constraint holds even for a write that bypasses the service's check."""
    lab = bookable_lab()
    first = request_booking(lab.equipment, starts_at=slot_in(3, 10), slots=2, actor=lab.booker)
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.create(
            equipment=lab.equipment,
            user=lab.outsider,
            starts_at=first.starts_at.replace(minute=30),
            ends_at=first.ends_at,
        )
    # A cancelled booking does not hold its slot.
    Booking.objects.filter(pk=first.pk).update(status=Booking.Status.CANCELLED)
    Booking.objects.create(equipment=lab.equipment, user=lab.outsider, starts_at=first.starts_at, ends_at=first.ends_at)
