"""Filters of the API: an identifier of no object matches nothing (an empty list, not a 400); a
malformed one is still refused; identifiers are integers of any size."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_filter_on_an_object_that_does_not_exist_gives_an_empty_list(client):
    for url in ("/api/v1/nace/?parent=999999", "/api/v1/material-categories/?parent=1024", "/api/v1/workshops/"):
        response = client.get(url)
        assert response.status_code in (200, 403), url
        if response.status_code == 200:
            assert response.json()["count"] == 0
    assert client.get("/api/v1/nace/?parent=abc").status_code == 400


def test_identifier_filters_take_integers_only(client):
    for url in ("/api/v1/organisations/", "/api/v1/communes/", "/api/v1/flows/"):
        assert client.get(url, {"region": str(2**63 - 1)}).json()["count"] == 0, url
        for wrong in ("1.5e300", str(10**30), "abc"):
            assert client.get(url, {"region": wrong}).status_code == 400, (url, wrong)
