"""The places API list and the place page at volume: what they show read in a constant number of
queries whatever the number of places, services, hours, photos, projects or news, and the place
page kept in the cache for visitors until a write changes what it shows."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import reset_queries
from django.utils import timezone
from rest_framework.test import APIClient

from tests.tierslieux.factories import (
    EventFactory,
    PlaceFactory,
    PlaceKindFactory,
    SectorFactory,
    ServiceFactory,
    ServiceKindFactory,
)
from tests.tierslieux.factories_network import NewsFactory, ProjectFactory
from tests.tierslieux.factories_places import EquipmentFactory, OpeningHoursFactory, ReferentFactory
from tierslieux.models import Place, PlacePhoto

pytestmark = pytest.mark.django_db
API = "/api/v1/places/"


def _full_place(name: str) -> Place:
    """A place with two kinds, a sector, services of two kinds, split hours, equipment, photos,
    news, an upcoming event and a project."""
    place = PlaceFactory(name=name, kinds=[PlaceKindFactory(), PlaceKindFactory()])
    place.sectors.set([SectorFactory()])
    for code in ("prototyping", "mentoring"):
        ServiceFactory(place=place, kind=ServiceKindFactory(code=f"{code}-{place.pk}"))
    for weekday in range(5):
        OpeningHoursFactory(place=place, weekday=weekday, opens=dt.time(9), closes=dt.time(12))
        OpeningHoursFactory(place=place, weekday=weekday, opens=dt.time(14), closes=dt.time(18))
    EquipmentFactory(place=place)
    PlacePhoto.objects.create(place=place, file=ContentFile(b"x", name="p.png"), caption="Atelier")
    NewsFactory(place=place)
    EventFactory(place=place, starts_at=timezone.now() + dt.timedelta(days=3))
    ProjectFactory(places=[place])
    return place


def test_api_list_shows_each_place_s_codes_and_hours_in_constant_queries(django_assert_max_num_queries):
    first = _full_place("Atelier A")
    client = APIClient()
    reset_queries()  # each request starts a new query log: count from its start
    with django_assert_max_num_queries(12) as few:
        rows = client.get(API).json()["results"]
    counted = len(few.captured_queries)
    row = next(r for r in rows if r["name"] == "Atelier A")
    assert row["kinds"] == [k.code for k in first.kinds.order_by("sort_order", "code")]
    assert row["sectors"] == [s.code for s in first.sectors.all()]
    assert row["services"] == sorted(f"{code}-{first.pk}" for code in ("mentoring", "prototyping"))
    assert row["opening_hours"] == "Mo-Fr 09:00-12:00,14:00-18:00"
    # The list reads the same values as the place's own answer.
    single = client.get(f"{API}{first.slug}/").json()
    assert {k: single[k] for k in ("kinds", "sectors", "services", "opening_hours")} == {
        k: row[k] for k in ("kinds", "sectors", "services", "opening_hours")
    }
    for n in range(6):
        _full_place(f"Atelier B{n}")
    reset_queries()
    with django_assert_max_num_queries(counted):
        assert len(client.get(API).json()["results"]) == 7


def test_place_page_queries_do_not_grow_with_what_it_shows(client, django_assert_max_num_queries):
    place = _full_place("Atelier C")
    reset_queries()  # each request starts a new query log: count from its start
    with django_assert_max_num_queries(20) as few:
        assert client.get(place.get_absolute_url()).status_code == 200
    counted = len(few.captured_queries)
    for _ in range(4):
        ServiceFactory(place=place)
        EquipmentFactory(place=place)
        NewsFactory(place=place)
        ProjectFactory(places=[place])
        PlacePhoto.objects.create(place=place, file=ContentFile(b"x", name="p.png"))
    reset_queries()
    with django_assert_max_num_queries(counted):
        assert client.get(place.get_absolute_url()).status_code == 200


def test_place_page_is_kept_for_visitors_until_what_it_shows_changes(client, page_cache, django_assert_num_queries):
    place = _full_place("Atelier D")
    url = place.get_absolute_url()
    assert "Atelier D" in client.get(url).content.decode()
    Place.objects.filter(pk=place.pk).update(name="Renamed Quietly")  # no save(): no signal
    with django_assert_num_queries(0):
        assert "Atelier D" in client.get(url).content.decode()
    # A project linked to the place, or a photo, replaces the stored page.
    ProjectFactory(places=[place], title_fr="Projet Frontalier")
    assert "Projet Frontalier" in client.get(url).content.decode()
    PlacePhoto.objects.create(place=place, file=ContentFile(b"x", name="p.png"), caption="Fraiseuse")
    assert "Fraiseuse" in client.get(url).content.decode()


def test_referents_always_get_a_fresh_page_with_their_tools(client, page_cache):
    place = _full_place("Atelier E")
    client.get(place.get_absolute_url())  # stored for visitors
    client.force_login(ReferentFactory(place=place).user)
    assert 'id="error-reports-link"' in client.get(place.get_absolute_url()).content.decode()


def test_draft_place_page_is_not_kept_nor_shown_to_visitors(client, page_cache):
    draft = PlaceFactory(status=Place.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_api_list_pages_are_kept_until_a_write_changes_the_places(page_cache, django_assert_num_queries):
    place = _full_place("Atelier F")
    client = APIClient()
    assert [r["name"] for r in client.get(API).json()["results"]] == ["Atelier F"]
    Place.objects.filter(pk=place.pk).update(name="Renamed Quietly")  # no save(): no signal
    with django_assert_num_queries(0):
        assert [r["name"] for r in client.get(API).json()["results"]] == ["Atelier F"]
    PlaceFactory(name="Atelier G")  # a write: the next answer is read afresh
    assert [r["name"] for r in client.get(API).json()["results"]] == ["Atelier G", "Renamed Quietly"]
    # Each filter has its own kept page.
    assert client.get(API, {"country": "IT"}).json()["count"] == 0
