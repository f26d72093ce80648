"""One naming rule for the API's routes: kebab-case resource names, without the app's name; the
app-prefixed names of earlier releases still answer, marked deprecated, and are not documented."""

import re

import pytest
from django.test import Client

from circuito.api import DEPRECATED_PREFIXES, router

pytestmark = pytest.mark.django_db


def test_every_route_is_one_kebab_case_resource_name():
    prefixes = [prefix for prefix, _viewset, _basename in router.registry]
    assert len(prefixes) == len(set(prefixes))
    for prefix in prefixes:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", prefix), prefix
    assert not set(DEPRECATED_PREFIXES) & set(prefixes)


def test_old_names_still_answer_marked_deprecated_and_stay_out_of_the_schema(client: Client):
    new = client.get("/api/v1/places/")
    old = client.get("/api/v1/tierslieux/places/")
    assert new.status_code == old.status_code == 200 and new.json() == old.json()
    assert old["Deprecation"] == "true" and old["Link"] == '</api/v1/places/>; rel="successor-version"'
    assert "Deprecation" not in new
    committees = client.get("/api/v1/committee-meetings/").status_code
    assert client.get("/api/v1/reporting/meetings/").status_code == committees
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/places/" in schema["paths"]
    assert not [path for path in schema["paths"] if path.startswith(("/api/v1/tierslieux/", "/api/v1/focusgroups/"))]
    root = client.get("/api/v1/").json()
    assert "places" in root and "tierslieux/places" not in root
