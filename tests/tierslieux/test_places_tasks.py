import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import UserFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import ReferentFactory
from tierslieux.tasks import remind_stale_referents

pytestmark = pytest.mark.django_db


def test_reminders_in_each_referents_language_once_per_30_days():
    stale = PlaceFactory(name="Vecchio", last_verified_at=timezone.now() - dt.timedelta(days=200))
    ReferentFactory(place=stale, user=UserFactory(preferred_language="it"))
    ReferentFactory(place=stale, user=UserFactory(preferred_language="fr"))
    ReferentFactory(place=PlaceFactory(last_verified_at=timezone.now() - dt.timedelta(days=10)))
    PlaceFactory(last_verified_at=None)  # stale but nobody to remind
    assert remind_stale_referents() == 1
    assert len(mail.outbox) == 2 and all("Vecchio" in m.subject for m in mail.outbox)
    assert {m.body.count("/it/") + 2 * m.body.count("/fr/") for m in mail.outbox} == {1, 2}
    assert remind_stale_referents() == 0 and len(mail.outbox) == 2
    stale.refresh_from_db()
    stale.__class__.objects.filter(pk=stale.pk).update(reminded_at=timezone.now() - dt.timedelta(days=31))
    assert remind_stale_referents() == 1 and len(mail.outbox) == 4
