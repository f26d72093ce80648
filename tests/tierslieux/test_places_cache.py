"""The directory, the map and the platform's home at volume: anonymous pages kept in the cache and
replaced by the writes that change them, a map bounded whatever the number of places, 304 for an
unchanged map, and query counts that do not grow with the data."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.tierslieux.factories import PlaceFactory, ServiceFactory, ServiceKindFactory
from tests.tierslieux.factories_network import NewsFactory
from tests.tierslieux.factories_places import OpeningHoursFactory, ReferentFactory, cuneo, nice
from tierslieux import geojson
from tierslieux.models import Place
from tierslieux.services.places import archive_place

pytestmark = pytest.mark.django_db

DIRECTORY = "/fr/tiers-lieux/directory/"
GEOJSON = "/fr/tiers-lieux/places.geojson"


def test_the_directory_is_served_from_the_cache_until_a_place_changes(client, page_cache, django_assert_num_queries):
    place = PlaceFactory(name="Atelier Premier")
    assert "Atelier Premier" in client.get(DIRECTORY).content.decode()
    # A change behind the portal's back (no save()) shows that the second answer is the stored page.
    Place.objects.filter(pk=place.pk).update(name="Renamed Quietly")
    with django_assert_num_queries(0):
        assert "Atelier Premier" in client.get(DIRECTORY).content.decode()
    place.name = "Atelier Second"
    place.save(update_fields=["name"])
    assert "Atelier Second" in client.get(DIRECTORY).content.decode()


def test_writes_through_services_children_and_links_replace_the_pages(client, page_cache):
    place = PlaceFactory(name="Lab Nice", commune=nice())
    referent = ReferentFactory(place=place).user
    client.get(DIRECTORY), client.get(GEOJSON), client.get("/fr/tiers-lieux/")
    ServiceFactory(place=place, kind=ServiceKindFactory(code="access-to-finance", name_fr="Financement"))
    assert "Financement" in client.get(DIRECTORY).content.decode()  # the kinds of its services are listed
    archive_place(place, actor=referent)  # the service of the pages
    assert "Lab Nice" not in client.get(DIRECTORY).content.decode()
    assert client.get(GEOJSON).json()["total"] == 0
    other = PlaceFactory(name="Lab Cuneo", commune=cuneo())
    NewsFactory(place=other, title_fr="Nouvelle fraiseuse")
    assert "Nouvelle fraiseuse" in client.get("/fr/tiers-lieux/").content.decode()


def test_each_language_and_filter_has_its_own_page(client, page_cache):
    PlaceFactory(name="Lab Nice", commune=nice())
    PlaceFactory(name="Lab Cuneo", commune=cuneo())
    french = client.get(DIRECTORY).content.decode()
    with translation.override("it"):
        italian = client.get(reverse("tierslieux:directory")).content.decode()
    assert 'lang="fr"' in french and 'lang="it"' in italian
    italy = client.get(DIRECTORY, {"country": "IT"}).content.decode()
    assert "Lab Cuneo" in italy and "Lab Nice" not in italy
    assert "Lab Nice" in client.get(DIRECTORY).content.decode()


def test_logged_in_visitors_and_open_now_get_fresh_pages(client, page_cache, user, django_assert_max_num_queries):
    place = PlaceFactory(name="Always open")
    for day in range(7):
        OpeningHoursFactory(place=place, weekday=day, opens=dt.time(0, 0), closes=dt.time(23, 59, 59))
    client.get(DIRECTORY)
    client.force_login(user)
    page = client.get(DIRECTORY)
    assert page.context is not None  # rendered for this user, not the anonymous copy
    client.logout()
    assert user.email not in client.get(DIRECTORY).content.decode()
    client.get(DIRECTORY, {"open_now": "on"})
    with django_assert_max_num_queries(20) as queries:
        client.get(DIRECTORY, {"open_now": "on"})
    assert len(queries.captured_queries) > 0  # "open now" changes with the clock: never stored


def test_a_stored_page_carries_each_visitors_own_csrf_token(client, page_cache):
    from django.test import Client

    PlaceFactory()
    client.get(DIRECTORY)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(DIRECTORY).content.decode()
    token = page.split('"X-CSRFToken": "', 1)[1].split('"', 1)[0]
    refused = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "it"}, HTTP_X_CSRFTOKEN=token)
    accepted = visitor.post("/i18n/setlang/", {"language": "it"}, HTTP_X_CSRFTOKEN=token)
    assert refused.status_code == 403 and accepted.status_code == 302


def _many_places(n: int) -> None:
    """`n` published places on a grid over the Alpine area (bulk: no per-row signals)."""
    commune = nice()
    places = [
        Place(
            name=f"Lieu {i:05d}",
            slug=f"lieu-{i:05d}",
            commune=commune,
            latitude=43.5 + (i % 50) * 0.05,
            longitude=5.5 + (i // 50) * 0.1,
            status=Place.Status.PUBLISHED,
            country="FR",
            department_id=commune.department_id,
            region_id=commune.department.parent_id,
        )
        for i in range(n)
    ]
    Place.objects.bulk_create(places)
    kind = PlaceFactory().kinds.get()
    Place.kinds.through.objects.bulk_create(
        [Place.kinds.through(place_id=p.pk, placekind=kind) for p in Place.objects.filter(slug__startswith="lieu-")]
    )


def test_the_map_sends_clusters_beyond_a_threshold_and_places_when_zoomed(client):
    _many_places(geojson.MAX_FEATURES + 200)
    whole = client.get(GEOJSON)
    data = whole.json()
    assert data["clustered"] and data["total"] == geojson.MAX_FEATURES + 201
    assert sum(f["properties"]["count"] for f in data["features"]) == data["total"]
    assert len(whole.content) < 300_000 and len(data["features"]) <= geojson.GRID_CELLS**2
    zoomed = client.get(GEOJSON, {"bbox": "5.49,43.49,5.61,43.76"}).json()
    assert not zoomed["clustered"] and zoomed["total"] == len(zoomed["features"]) == 12
    assert {f["properties"]["name"] for f in zoomed["features"]} >= {"Lieu 00000", "Lieu 00050"}
    assert all(f["properties"]["kinds"] for f in zoomed["features"])


def test_the_map_query_count_does_not_grow_with_the_places(client, django_assert_max_num_queries):
    _many_places(geojson.MAX_FEATURES + 10)
    for params in ({}, {"bbox": "5.49,43.49,5.61,43.76"}):  # clusters, then places one by one
        with django_assert_max_num_queries(8) as before:
            client.get(GEOJSON, params)
        for _ in range(3):
            PlaceFactory(commune=nice(), latitude=43.6, longitude=5.55)
        with django_assert_max_num_queries(len(before.captured_queries)):
            client.get(GEOJSON, params)


def test_a_malformed_view_is_refused_with_what_to_send(client):
    for bbox in ("7,44,6", "east,south,west,north", "8,44,7,45", "nan,44,7,45"):
        response = client.get(GEOJSON, {"bbox": bbox})
        assert response.status_code == 400
        assert "(bbox)" in response.json()["bbox"][0]  # says which parameter and what it must hold


def test_an_unchanged_map_is_not_sent_again(client, page_cache):
    place = PlaceFactory(name="Lab Nice", commune=nice())
    first = client.get(GEOJSON, {"bbox": "7,43,8,44"})
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    again = client.get(GEOJSON, {"bbox": "7,43,8,44"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(GEOJSON, {"bbox": "7,43,8,44"}, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other_view = client.get(GEOJSON, {"bbox": "6,43,8,44"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert other_view.status_code == 200
    place.name = "Lab Nizza"
    place.save(update_fields=["name"])
    changed = client.get(GEOJSON, {"bbox": "7,43,8,44"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert json.loads(changed.content)["features"][0]["properties"]["name"] == "Lab Nizza"


def test_home_directory_and_api_query_counts_do_not_grow(client, django_assert_max_num_queries):
    def populate(n: int) -> None:
        for _ in range(n):
            place = PlaceFactory()
            ServiceFactory(place=place)
            OpeningHoursFactory(place=place)
            NewsFactory(place=place, published_at=timezone.now())

    for url in ("/fr/tiers-lieux/", DIRECTORY, "/api/v1/places/", f"{DIRECTORY}?country=FR&page=1"):
        populate(2)
        with django_assert_max_num_queries(15) as few:
            assert client.get(url).status_code == 200
        populate(15)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(url)


def test_the_api_count_is_kept_until_a_place_is_added(client, page_cache):
    PlaceFactory()
    assert client.get("/api/v1/places/").json()["count"] == 1
    PlaceFactory()
    assert client.get("/api/v1/places/").json()["count"] == 2
