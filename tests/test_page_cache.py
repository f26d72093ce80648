"""The page cache's promises beyond one app: a message is shown to its visitor only, and pages
keep being served when Redis is down."""

import pytest
from django.test import Client

from tests.tierslieux.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_a_message_reaches_its_visitor_and_nobody_else(client, page_cache, user):
    Client().get("/fr/")  # the anonymous home is stored
    client.force_login(user)
    assert client.post("/fr/accounts/logout/").status_code == 302  # "You have signed out."
    mine = client.get("/fr/")
    assert 'class="alert' in mine.content.decode()
    assert 'class="alert' not in Client().get("/fr/").content.decode()
    assert 'class="alert' not in client.get("/fr/").content.decode()  # shown once


def test_pages_are_served_while_redis_is_down(client, page_cache, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "circuito.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    PlaceFactory(name="Atelier Panne")
    for _ in range(2):
        response = client.get("/fr/tiers-lieux/directory/")
        assert response.status_code == 200 and "Atelier Panne" in response.content.decode()
    geojson = client.get("/fr/tiers-lieux/places.geojson")
    assert geojson.status_code == 200
    # Without a version to trust, an unchanged map is sent again rather than wrongly answered 304.
    again = client.get("/fr/tiers-lieux/places.geojson", HTTP_IF_NONE_MATCH=geojson["ETag"])
    assert again.status_code == 200
