"""Alert subscriptions (new places, news and events in chosen regions and kinds of place) and
their weekly digest e-mail.

- A logged-in user subscribes with their account's e-mail: active at once, and a new choice
  replaces their previous one.
- A visitor gives an e-mail and gets a confirmation link first (double opt-in): the subscription
  stays `active=False` until the link is opened; confirming replaces older subscriptions of the
  same address, so nobody can change someone else's alerts without their mailbox.
- The token in every e-mail unsubscribes without logging in; unsubscribing deletes the row (the
  address is not kept).
- The digest goes at most once per period per subscription, lists only what appeared since the
  last digest, in the subscription's language, and nothing is sent when there is nothing new.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from circuito.accounts.models import User
from circuito.audit.services import record
from circuito.geo.models import Territory
from circuito.mail import send_mail
from tierslieux.models import AlertSubscription, Event, News, Place, PlaceKind

PERIOD = timedelta(days=7)
# A weekly beat fires a few seconds earlier or later each week: tolerate it.
PERIOD_TOLERANCE = timedelta(hours=12)
MAX_ITEMS = 30  # per section of a digest


def alert_regions() -> QuerySet[Territory]:
    return Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True).order_by("country", "name")


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def subscribe_alerts(
    *,
    email: str,
    language: str,
    regions: list[Territory],
    kinds: list[PlaceKind],
    new_places: bool,
    news: bool,
    events: bool,
    actor: User | None,
) -> AlertSubscription:
    """Create (visitor: pending confirmation, e-mail sent) or replace (user) a subscription."""
    if not (new_places or news or events):
        raise ValidationError({"new_places": _("Choose at least one thing to be told about.")})
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    logged_in = actor is not None and actor.is_authenticated
    if logged_in:
        email = actor.email
        AlertSubscription.objects.filter(user=actor).delete()
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": _("Give the e-mail address the alerts should go to.")})
    sub = AlertSubscription.objects.create(
        user=actor if logged_in else None,
        email=email,
        language=language,
        new_places=new_places,
        news=news,
        events=events,
        token=_new_token(),
        active=logged_in,
    )
    sub.regions.set(regions)
    sub.kinds.set(kinds)
    record(actor if logged_in else None, "tierslieux.alerts_subscribe", sub, {"confirmed": logged_in})
    if not logged_in:
        transaction.on_commit(lambda: _send_confirmation(sub))
    return sub


def _send_confirmation(sub: AlertSubscription) -> None:
    with translation.override(sub.language):
        context = {
            "confirm_url": _url("tierslieux:alerts_confirm", sub.token),
            "unsubscribe_url": _url("tierslieux:alerts_unsubscribe", sub.token),
        }
        subject = render_to_string("tierslieux/email/alert_confirm_subject.txt", context).strip()
        body = render_to_string("tierslieux/email/alert_confirm.txt", context)
    send_mail(subject, body, None, [sub.email], language=sub.language)


def find_subscription(token: str) -> AlertSubscription | None:
    if not token or len(token) > 64:
        return None
    return AlertSubscription.objects.filter(token=token).first()


@transaction.atomic
def confirm_alerts(sub: AlertSubscription) -> AlertSubscription:
    """The owner of the address opened the link: activate, and drop their older subscriptions."""
    if not sub.active:
        AlertSubscription.objects.filter(email=sub.email).exclude(pk=sub.pk).delete()
        sub.active = True
        sub.save(update_fields=["active"])
        record(None, "tierslieux.alerts_confirm", sub)
    return sub


@transaction.atomic
def unsubscribe_alerts(sub: AlertSubscription) -> None:
    record(None, "tierslieux.alerts_unsubscribe", sub)
    sub.delete()


# Digest -------------------------------------------------------------------------------------


@dataclass
class Digest:
    places: list = field(default_factory=list)
    news: list = field(default_factory=list)
    events: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.places or self.news or self.events)


def _place_filter(sub: AlertSubscription, prefix: str = "") -> Q:
    """Regions and kinds chosen (none chosen = all)."""
    q = Q()
    region_ids = [r.pk for r in sub.regions.all()]
    kind_ids = [k.pk for k in sub.kinds.all()]
    if region_ids:
        q &= Q(**{f"{prefix}region__in": region_ids})
    if kind_ids:
        q &= Q(**{f"{prefix}pk__in": Place.objects.filter(kinds__in=kind_ids).values("pk")})
    return q


def digest_for(sub: AlertSubscription, now: datetime) -> Digest:
    since = sub.last_sent_at or sub.created_at
    digest = Digest()
    if sub.new_places:
        places = Place.objects.filter(_place_filter(sub), status=Place.Status.PUBLISHED)
        places = places.filter(created_at__gt=since, created_at__lte=now).select_related("commune")
        digest.places = list(places.order_by("-created_at")[:MAX_ITEMS])
    if sub.news:
        news = News.objects.filter(_place_filter(sub, "place__"), place__status=Place.Status.PUBLISHED)
        news = news.filter(published_at__gt=since, published_at__lte=now).select_related("place")
        digest.news = list(news.order_by("-published_at")[:MAX_ITEMS])
    if sub.events:
        # Events published and created since the last digest that have not started yet.
        events = Event.objects.filter(published=True, created_at__gt=since, created_at__lte=now, starts_at__gt=now)
        region_ids = [r.pk for r in sub.regions.all()]
        if region_ids:
            events = events.filter(
                Q(online=True)  # open to anybody, wherever it is run from
                | Q(place__region__in=region_ids)
                | Q(place__isnull=True, commune__department__parent__in=region_ids)
            )
        kind_ids = [k.pk for k in sub.kinds.all()]
        if kind_ids:
            events = events.filter(Q(place__isnull=True) | Q(place__kinds__in=kind_ids)).distinct()
        events = events.select_related("place", "commune")
        digest.events = list(events.order_by("starts_at")[:MAX_ITEMS])
    return digest


def _event_url(event: Event) -> str:
    try:
        return settings.SITE_URL + event.get_absolute_url()
    except NoReverseMatch:  # the event pages are not mounted (yet)
        return _url("tierslieux:home")


def _due(now: datetime) -> QuerySet[AlertSubscription]:
    due_before = now - PERIOD + PERIOD_TOLERANCE
    return AlertSubscription.objects.filter(active=True).filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=due_before)
    )


def send_alert_digests(now: datetime | None = None) -> int:
    """Send the digests that are due; returns how many e-mails were sent. Safe to run twice:
    each subscription is locked and re-checked before sending."""
    now = now or timezone.now()
    sent = 0
    for pk in _due(now).filter(Q(user__isnull=True) | Q(user__is_active=True)).values_list("pk", flat=True):
        with transaction.atomic():
            sub = _due(now).select_for_update().filter(pk=pk).first()
            if sub is None:
                continue  # sent by a concurrent run, or unsubscribed meanwhile
            if _send_digest(sub, now):
                sub.last_sent_at = now
                sub.save(update_fields=["last_sent_at"])
                sent += 1
    return sent


def _send_digest(sub: AlertSubscription, now: datetime) -> bool:
    with translation.override(sub.language):
        digest = digest_for(sub, now)
        if not digest:
            return False
        context = {
            "digest": digest,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": _url("tierslieux:alerts_unsubscribe", sub.token),
            "subscribe_url": _url("tierslieux:alerts_subscribe"),
        }
        for place in digest.places:
            place.alert_url = settings.SITE_URL + place.get_absolute_url()
        for item in digest.news:
            item.alert_url = _url("tierslieux:news_detail", item.pk)
        for event in digest.events:
            event.alert_url = _event_url(event)
        subject = render_to_string("tierslieux/email/alert_digest_subject.txt", context).strip()
        body = render_to_string("tierslieux/email/alert_digest.txt", context)
    send_mail(subject, body, None, [sub.email], language=sub.language)
    return True
