"""Indicators of focus groups and questionnaires, counted from live records for a period and a territory.

Plain functions (no request), read by reporting. Dates are inclusive `date`s. `territory` is a
circuito.geo Territory: a country (the session's region is in it), a region or a
department/province. `study_code` is the charter activity ("3.2", "3.3", "5.2").

Evidence counted:
- sessions held: focus groups whose date falls in the period and that were held (held,
  submitted, validated or returned for changes);
- sessions validated: the same, validated by the coordinator (by the date of the session);
- participants by category: attendants of the sessions held in the period, withdrawn ones left out;
- questionnaire responses: responses submitted in the period (by submission time).
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from circuito.geo.models import Territory
from focusgroups.models import ActorCategory, Participant, Response, Session


def _territory(territory: Territory | None, prefix: str = "") -> Q:
    if territory is None:
        return Q()
    if territory.level == Territory.Level.COUNTRY:
        return Q(**{f"{prefix}region__country": territory.country})
    if territory.level == Territory.Level.REGION:
        return Q(**{f"{prefix}region": territory})
    return Q(**{f"{prefix}department": territory})


def _sessions(start: date, end: date, study_code: str | None, territory: Territory | None):
    sessions = Session.objects.filter(date__gte=start, date__lte=end, status__in=Session.HELD_OR_BEYOND)
    if study_code:
        sessions = sessions.filter(study__code=study_code)
    return sessions.filter(_territory(territory))


def sessions_held(start: date, end: date, study_code: str | None = None, territory: Territory | None = None) -> int:
    return _sessions(start, end, study_code, territory).count()


def sessions_validated(
    start: date, end: date, study_code: str | None = None, territory: Territory | None = None
) -> int:
    return _sessions(start, end, study_code, territory).filter(status=Session.Status.VALIDATED).count()


def participants_by_category(
    start: date, end: date, study_code: str | None = None, territory: Territory | None = None
) -> dict[str, int]:
    """{category: attendants} for every actor category (zeros included)."""
    sessions = _sessions(start, end, study_code, territory)
    rows = (
        Participant.objects.counted().filter(session__in=sessions).values("category").annotate(n=Count("pk")).order_by()
    )
    counts = dict.fromkeys(ActorCategory.values, 0)
    for row in rows:
        counts[row["category"]] = row["n"]
    return counts


def questionnaire_responses(
    start: date, end: date, study_code: str | None = None, territory: Territory | None = None
) -> int:
    tz = timezone.get_current_timezone()
    low = timezone.make_aware(datetime.combine(start, time.min), tz)
    high = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    responses = Response.objects.filter(submitted_at__gte=low, submitted_at__lt=high)
    if study_code:
        responses = responses.filter(questionnaire__study__code=study_code)
    if territory is not None:
        if territory.level == Territory.Level.COUNTRY:
            responses = responses.filter(Q(territory__country=territory.country) | Q(country=territory.country))
        elif territory.level == Territory.Level.REGION:
            responses = responses.filter(Q(territory=territory) | Q(territory__parent=territory))
        else:
            responses = responses.filter(territory=territory)
    return responses.count()


# --- registration (circuito.indicators) --------------------------------------------------------


def sessions_by_partner(start: date, end: date, study_code: str | None = None, status: str | None = None) -> dict:
    """Held sessions per organising partner."""
    from circuito.indicators import count_by_partner

    sessions = _sessions(start, end, study_code, None)
    return count_by_partner(sessions.filter(status=status) if status else sessions, "organiser")


def participants(start: date, end: date, territory: Territory | None = None) -> int:
    """Attendants of the sessions held in the period (every study), withdrawn ones left out."""
    return sum(participants_by_category(start, end, territory=territory).values())


def participants_by_partner(start: date, end: date) -> dict:
    from circuito.indicators import count_by_partner

    attendants = Participant.objects.counted().filter(session__in=_sessions(start, end, None, None))
    return count_by_partner(attendants, "session__organiser")


def register_indicators() -> None:
    """What reporting may count from this app (called by the app's ready())."""
    from functools import partial

    from django.utils.translation import gettext_lazy as _

    from circuito.indicators import PEOPLE, Dimension, register

    for code in ("3.2", "3.3", "5.2"):
        register(
            f"focusgroups.held.{code}",
            app="focusgroups",
            label_fr=f"Focus groups tenus pour l'activité {code}",
            label_it=f"Focus group svolti per l'attività {code}",
            count=partial(sessions_held, study_code=code),
            by_partner=partial(sessions_by_partner, study_code=code),
        )
    register(
        "focusgroups.validated",
        app="focusgroups",
        label_fr="Focus groups validés par le coordinateur",
        label_it="Focus group convalidati dal coordinatore",
        count=sessions_validated,
        by_partner=partial(sessions_by_partner, status=Session.Status.VALIDATED),
    )
    register(
        "focusgroups.participants",
        app="focusgroups",
        label_fr="Participants aux focus groups",
        label_it="Partecipanti ai focus group",
        unit=PEOPLE,
        count=participants,
        by_partner=participants_by_partner,
        breakdowns={"category": Dimension(participants_by_category, _("Actor category"), dict(ActorCategory.choices))},
    )
    register(
        "focusgroups.questionnaire_responses",
        app="focusgroups",
        label_fr="Réponses aux questionnaires",
        label_it="Risposte ai questionari",
        count=questionnaire_responses,
    )
