"""The weekly alert digest: filtered by region and kind, in the subscription's language, at most
once per period, only what is new, nothing when empty."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import CommuneFactory, RegionFactory, TerritoryFactory
from tests.tierslieux.factories import EventFactory, PlaceFactory, PlaceKindFactory
from tests.tierslieux.factories_network import AlertSubscriptionFactory, NewsFactory, italian_commune, italian_place
from tierslieux.models import AlertSubscription, Event
from tierslieux.services.alerts import send_alert_digests

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _subscription(**kwargs) -> AlertSubscription:
    regions = kwargs.pop("regions", [])
    kinds = kwargs.pop("kinds", [])
    sub = AlertSubscriptionFactory(**kwargs)
    AlertSubscription.objects.filter(pk=sub.pk).update(created_at=NOW - dt.timedelta(days=3))
    sub.refresh_from_db()
    sub.regions.set(regions)
    sub.kinds.set(kinds)
    return sub


def _news(place, hours_ago: int, **kwargs):
    return NewsFactory(place=place, published_at=NOW - dt.timedelta(hours=hours_ago), **kwargs)


def test_digest_lists_only_new_items_of_the_chosen_regions_in_the_subscriptions_language():
    paca = RegionFactory()
    nice = PlaceFactory()
    imperia = italian_place()
    sub = _subscription(regions=[paca], language="it", email="anna@example.org")
    _news(nice, 5, title_fr="Atelier ouvert", title_it="Laboratorio aperto")
    _news(imperia, 5, title_fr="Hors région", title_it="Fuori regione")
    _news(nice, 24 * 10, title_fr="Trop ancienne", title_it="Troppo vecchia")  # before the subscription
    assert send_alert_digests(now=NOW) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "Laboratorio aperto" in message.body
    assert "Fuori regione" not in message.body and "Troppo vecchia" not in message.body
    with translation.override("it"):
        assert message.subject == gettext("What is new in the Tiers-Lieux")
    assert f"/it/tiers-lieux/alerts/unsubscribe/{sub.token}/" in message.body
    sub.refresh_from_db()
    assert sub.last_sent_at == NOW


def test_kinds_filter_places_and_news():
    coworking = PlaceKindFactory(code="coworking", name_fr="Coworking", name_it="Coworking")
    _subscription(kinds=[coworking])
    _news(PlaceFactory(kinds=[coworking]), 2, title_fr="Coworking en fête")
    _news(PlaceFactory(), 2, title_fr="Fablab en fête")  # a fablab
    send_alert_digests(now=NOW)
    body = mail.outbox[0].body
    assert "Coworking en fête" in body and "Fablab en fête" not in body


def test_new_places_and_upcoming_events_are_announced():
    place = PlaceFactory(name="Pépinière de Gap")
    EventFactory(place=place, title_fr="Session Open Innovation Gap", starts_at=NOW + dt.timedelta(days=14))
    EventFactory(place=italian_place(), title_fr="Evento in Liguria", starts_at=NOW + dt.timedelta(days=14))
    _subscription(regions=[RegionFactory()])
    send_alert_digests(now=timezone.now())
    body = mail.outbox[0].body
    assert "Pépinière de Gap" in body and "Session Open Innovation Gap" in body
    assert "Evento in Liguria" not in body


def _event(hours_ago: float, **kwargs):
    """An event created `hours_ago` before NOW (the digest reads `created_at`)."""
    event = EventFactory(**kwargs)
    Event.objects.filter(pk=event.pk).update(created_at=NOW - dt.timedelta(hours=hours_ago))
    return event


def test_an_event_is_announced_once_in_the_digest_after_its_creation():
    _event(2, title_fr="Webinaire financement", starts_at=NOW + dt.timedelta(days=90))
    _subscription(new_places=False)
    assert send_alert_digests(now=NOW) == 1
    assert "Webinaire financement" in mail.outbox[0].body  # far ahead, announced as soon as created
    assert send_alert_digests(now=NOW + dt.timedelta(days=7)) == 0  # not repeated as it comes closer
    _event(-24, title_fr="Atelier ajouté", starts_at=NOW + dt.timedelta(days=30))  # created after the digest
    assert send_alert_digests(now=NOW + dt.timedelta(days=14)) == 1
    body = mail.outbox[1].body
    assert "Atelier ajouté" in body and "Webinaire financement" not in body


def test_events_created_before_the_subscription_started_or_unpublished_are_not_announced():
    _event(24 * 5, title_fr="Trop ancien", starts_at=NOW + dt.timedelta(days=10))  # subscribed 3 days ago
    _event(2, title_fr="Brouillon", published=False, starts_at=NOW + dt.timedelta(days=10))
    _event(2, title_fr="Déjà commencé", starts_at=NOW - dt.timedelta(hours=1))
    _subscription(new_places=False, news=False)
    assert send_alert_digests(now=NOW) == 0


def test_an_event_without_a_place_is_placed_by_its_commune():
    paca = RegionFactory()
    in_paca = CommuneFactory(department=TerritoryFactory(parent=paca), name="Digne-les-Bains")
    elsewhere = italian_commune(name="Savona")
    _event(2, title_fr="Mission à Digne", place=None, commune=in_paca)
    _event(2, title_fr="Missione a Savona", place=None, commune=elsewhere)
    _subscription(regions=[paca], new_places=False)
    assert send_alert_digests(now=NOW) == 1
    body = mail.outbox[0].body
    assert "Mission à Digne — Digne-les-Bains" in body and "Savona" not in body


def test_sent_at_most_once_per_period_and_only_what_is_new():
    place = PlaceFactory()
    sub = _subscription(new_places=False)
    _news(place, 2, title_fr="Première")
    assert send_alert_digests(now=NOW) == 1
    _news(place, -24, title_fr="Deuxième")  # published a day after the first digest
    assert send_alert_digests(now=NOW + dt.timedelta(days=2)) == 0  # same week: nothing more
    assert send_alert_digests(now=NOW + dt.timedelta(days=7)) == 1
    second = mail.outbox[1].body
    assert "Deuxième" in second and "Première" not in second
    sub.refresh_from_db()
    assert sub.last_sent_at == NOW + dt.timedelta(days=7)


def test_nothing_is_sent_when_there_is_nothing_new():
    sub = _subscription()
    assert send_alert_digests(now=NOW) == 0
    assert mail.outbox == []
    sub.refresh_from_db()
    assert sub.last_sent_at is None


def test_unconfirmed_subscriptions_get_nothing():
    _subscription(active=False)
    _news(PlaceFactory(), 2)
    assert send_alert_digests(now=NOW) == 0
    assert mail.outbox == []


def test_draft_news_and_draft_places_are_not_announced():
    _subscription()
    _news(PlaceFactory(status="draft", name="Lieu brouillon"), 2, title_fr="Nouvelle d'un brouillon")
    NewsFactory(place=PlaceFactory(), published_at=None, title_fr="Pas publiée")
    assert send_alert_digests(now=timezone.now()) == 1  # the published place is new
    body = mail.outbox[0].body
    assert "Lieu brouillon" not in body and "brouillon" not in body and "Pas publiée" not in body


def test_the_beat_task_sends_the_digests():
    from tierslieux.tasks_alerts import send_alert_digests as task

    _subscription()
    _news(PlaceFactory(), 2)
    assert task.delay().get() == 1
