"""Indicators of the Tiers-Lieux platform, counted from live records for the reporting app.

Dates are inclusive `date`s in the portal's time zone; `territory` is a circuito.geo Territory
(country, region or department/province).

- places registered: published places created on or before `end`, per country (a stock, so
  `start` is accepted for a uniform signature but does not restrict);
- referents trained: distinct people who attended a referent seminar held in the period (with a
  territory: those who keep a place in it);
- seminars held: referent seminars dated in the period, up to today.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from circuito.accounts.models import User
from circuito.geo.models import Territory
from tierslieux.indicators_events import b2b_meetings, event_participants, events_held
from tierslieux.indicators_requests import cross_border_uses, service_requests
from tierslieux.models import Place, Seminar

__all__ = [
    "b2b_meetings",
    "cross_border_uses",
    "event_participants",
    "events_held",
    "places_registered",
    "referents_trained",
    "seminars_held",
    "service_requests",
]


def _end_bound(end: date) -> datetime:
    return timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), timezone.get_current_timezone())


def _place_territory(territory: Territory | None, prefix: str = "") -> Q:
    if territory is None:
        return Q()
    if territory.level == Territory.Level.COUNTRY:
        return Q(**{f"{prefix}country": territory.country})
    if territory.level == Territory.Level.REGION:
        return Q(**{f"{prefix}region": territory})
    return Q(**{f"{prefix}department": territory})


def places_registered(start: date, end: date, territory: Territory | None = None) -> dict[str, int]:
    rows = (
        Place.objects.filter(_place_territory(territory), status=Place.Status.PUBLISHED, created_at__lt=_end_bound(end))
        .order_by()
        .values_list("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    return {"FR": 0, "IT": 0, **dict(rows)}


def _held(start: date, end: date):
    return Seminar.objects.filter(date__gte=start, date__lte=min(end, timezone.localdate()))


def referents_trained(start: date, end: date, territory: Territory | None = None) -> int:
    people = User.objects.filter(seminars_attended__in=_held(start, end))
    if territory is not None:
        people = people.filter(referent_of__place__in=Place.objects.filter(_place_territory(territory)))
    return people.distinct().count()


def seminars_held(start: date, end: date) -> int:
    return _held(start, end).count()


# --- registration (circuito.indicators) --------------------------------------------------------


def places_published(start: date, end: date, territory: Territory | None = None) -> int:
    """Places registered in the period (created then, published now): what the platform gained."""
    low = timezone.make_aware(datetime.combine(start, time.min), timezone.get_current_timezone())
    return Place.objects.filter(
        _place_territory(territory), status=Place.Status.PUBLISHED, created_at__gte=low, created_at__lt=_end_bound(end)
    ).count()


def seminars_by_partner(start: date, end: date) -> dict:
    from circuito.indicators import count_by_partner

    return count_by_partner(_held(start, end), "organiser")


def events_by_partner(start: date, end: date, kind: str | None = None) -> dict:
    """Events held per organising partner (an operator of a place counts as OTHER)."""
    from circuito.indicators import count_by_partner
    from tierslieux.indicators_events import _held as held_events
    from tierslieux.models import Event

    events = Event.objects.filter(held_events(start, end, None))
    return count_by_partner(events.filter(kind=kind) if kind else events, "organiser")


def register_indicators() -> None:
    """What reporting may count from this app (called by the app's ready())."""
    from functools import partial

    from circuito.indicators import PEOPLE, register
    from tierslieux.models import Event

    def add(key: str, label_fr: str, label_it: str, count, **options) -> None:
        register(f"tierslieux.{key}", app="tierslieux", label_fr=label_fr, label_it=label_it, count=count, **options)

    add(
        "places",
        "Tiers-Lieux enregistrés sur la plateforme",
        "Tiers-Lieux registrati sulla piattaforma",
        places_published,
    )
    add(
        "referents_trained",
        "Référents de Tiers-Lieux formés",
        "Referenti di Tiers-Lieux formati",
        referents_trained,
        unit=PEOPLE,
    )
    add(
        "seminars",
        "Séminaires de formation des référents tenus",
        "Seminari di formazione dei referenti svolti",
        seminars_held,
        territorial=False,
        by_partner=seminars_by_partner,
    )
    add("events", "Événements tenus", "Eventi svolti", events_held, by_partner=events_by_partner)
    for kind, label_fr, label_it in (
        (Event.Kind.OPEN_INNOVATION, "Événements Open Innovation tenus", "Eventi Open Innovation svolti"),
        (Event.Kind.TRAINING, "Formations tenues", "Formazioni svolte"),
    ):
        add(
            f"events.{kind.value}",
            label_fr,
            label_it,
            partial(events_held, kind=kind),
            by_partner=partial(events_by_partner, kind=kind),
        )
    add("b2b_meetings", "Rendez-vous B2B tenus aux événements", "Incontri B2B svolti agli eventi", b2b_meetings)
    add(
        "event_participants",
        "Participants aux événements",
        "Partecipanti agli eventi",
        event_participants,
        unit=PEOPLE,
    )
    add("service_requests", "Demandes de service envoyées", "Richieste di servizio inviate", service_requests)
    add(
        "cross_border_uses",
        "Services utilisés de l'autre côté de la frontière",
        "Servizi utilizzati oltre confine",
        cross_border_uses,
    )
