import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import OpeningHoursFactory, cuneo
from tierslieux import hours
from tierslieux.models import Place

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC


def t(h: int, m: int = 0) -> dt.time:
    return dt.time(h, m)


def test_overlap_is_refused_with_the_day_and_both_periods():
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        hours.validate_periods([(0, t(12), t(15)), (0, t(14), t(18)), (1, t(12), t(15))])
    assert exc.value.messages == ["Monday: 14:00–18:00 overlaps 12:00–15:00. Merge them or change one of them."]


def test_closing_before_opening_is_refused():
    with pytest.raises(ValidationError) as exc:
        hours.validate_periods([(2, t(18), t(9))])
    assert exc.value.messages[0].startswith("Mercredi") and "18:00" in exc.value.messages[0]


def test_adjacent_periods_are_fine():
    hours.validate_periods([(0, t(9), t(12)), (0, t(12), t(18))])


@pytest.mark.django_db
def test_is_open_uses_local_time_across_dst():
    place = PlaceFactory()
    OpeningHoursFactory(place=place, weekday=0, opens=t(9), closes=t(10))
    # Monday 9:30 in Paris is 7:30 UTC in summer (CEST) and 8:30 UTC in winter (CET).
    summer, winter = dt.datetime(2026, 7, 6, 7, 30, tzinfo=UTC), dt.datetime(2026, 1, 5, 8, 30, tzinfo=UTC)
    assert hours.is_open(place, summer) and hours.is_open(place, winter)
    assert not hours.is_open(place, dt.datetime(2026, 1, 5, 7, 30, tzinfo=UTC))  # 8:30 local in winter
    # The Monday after the end of DST (2026-10-25).
    assert hours.is_open(place, dt.datetime(2026, 10, 26, 9, 15, tzinfo=PARIS))
    assert not hours.is_open(place, dt.datetime(2026, 10, 26, 10, 0, tzinfo=PARIS))  # closes at 10:00
    for at in (summer, winter):
        assert list(hours.open_now(Place.objects.all(), at)) == [place]
    assert not hours.open_now(Place.objects.all(), dt.datetime(2026, 7, 6, 8, 30, tzinfo=UTC)).exists()


@pytest.mark.django_db
def test_open_now_filter_italian_place_and_no_duplicates():
    place = PlaceFactory(commune=cuneo())
    OpeningHoursFactory(place=place, weekday=4, opens=t(9), closes=t(12))
    OpeningHoursFactory(place=place, weekday=4, opens=t(8), closes=t(9, 30))  # legacy overlap: still one row
    at = dt.datetime(2026, 3, 27, 9, 15, tzinfo=ZoneInfo("Europe/Rome"))
    assert list(hours.open_now(Place.objects.all(), at)) == [place]
    assert not hours.open_now(Place.objects.all(), at + dt.timedelta(days=1)).exists()


@pytest.mark.django_db
def test_human_rendering_in_italian_and_osm_format():
    place = PlaceFactory()
    for day in range(5):
        OpeningHoursFactory(place=place, weekday=day, opens=t(9), closes=t(18))
    OpeningHoursFactory(place=place, weekday=5, opens=t(10), closes=t(12))
    with translation.override("it"):
        days = hours.by_day(place)
    assert days[0][0] == "Lunedì" and days[0][1] == "09:00–18:00"
    assert days[6][0] == "Domenica"
    assert hours.osm_opening_hours(place.opening_hours.all()) == "Mo-Fr 09:00-18:00; Sa 10:00-12:00"
