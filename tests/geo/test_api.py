import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from circuito.geo.models import Territory
from tests.factories import CommuneFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_commune_list_fields_and_search(api, gazetteer):
    data = api.get("/api/v1/communes/", {"q": "nizza"}, HTTP_ACCEPT_LANGUAGE="it").json()
    assert data["count"] == 2
    nice = data["results"][0]
    assert {k: nice[k] for k in ("country", "code", "name", "alt_name")} == {
        "country": "FR",
        "code": "06088",
        "name": "Nice",
        "alt_name": "Nizza",
    }
    assert nice["department"]["code"] == "06" and nice["region"]
    assert nice["latitude"] == pytest.approx(43.7031) and nice["longitude"] == pytest.approx(7.2661)
    assert set(nice) == {
        "id",
        "country",
        "code",
        "name",
        "alt_name",
        "department",
        "region",
        "latitude",
        "longitude",
        "search_reasons",
    }


def test_commune_filters(api, gazetteer):
    def codes(**params):
        return sorted(r["code"] for r in api.get("/api/v1/communes/", params).json()["results"])

    assert codes(country="IT", q="tor") == ["001272"]
    assert codes(department="06") == ["06083", "06088", "06120"]
    piemonte = Territory.objects.get(country="IT", level="region", code="01")
    assert codes(region=piemonte.pk) == ["001272", "004078", "005080"]
    assert codes(q="saint etienne", department="42") == ["42218"]
    assert api.get("/api/v1/communes/", {"country": "XX"}).status_code == 400


def test_commune_detail(api, gazetteer):
    commune = CommuneFactory(name="Briançon", code="05023")
    data = api.get(f"/api/v1/communes/{commune.pk}/").json()
    assert data["name"] == "Briançon" and data["department"]["code"] == "06"


def test_commune_list_is_paginated_with_constant_queries(api, db, django_assert_num_queries):
    department = TerritoryFactory(parent=TerritoryFactory(level="region", code="93", name="PACA"))
    for _ in range(3):
        CommuneFactory(department=department)
    with django_assert_num_queries(2):  # count + page
        assert api.get("/api/v1/communes/").json()["count"] == 3
    api.get("/api/v1/communes/", {"q": "commune"})  # the search vocabularies are read once
    with django_assert_num_queries(2):  # the exonyms are read once per process
        api.get("/api/v1/communes/", {"q": "commune"})
    for _ in range(60):
        CommuneFactory(department=department)
    with django_assert_num_queries(2):
        data = api.get("/api/v1/communes/").json()
    assert data["count"] == 63 and len(data["results"]) == 50 and data["next"]
    with django_assert_num_queries(2):
        data = api.get("/api/v1/communes/", {"q": "commune", "page": 2}).json()
    assert len(data["results"]) == 13 and data["previous"]


def test_territory_filters(api, gazetteer):
    def names(**params):
        return [t["name_it"] for t in api.get("/api/v1/territories/", params).json()["results"]]

    assert len(names(level="region", country="IT")) == 20
    regions = api.get("/api/v1/territories/", {"level": "region", "in_alcotra": "true"}).json()
    assert regions["count"] == 5
    assert {r["code"] for r in regions["results"]} == {"93", "84", "01", "02", "07"}
    liguria = Territory.objects.get(country="IT", level="region", code="07")
    assert sorted(names(parent=liguria.pk)) == ["Genova", "Imperia"]
    data = api.get("/api/v1/territories/", {"level": "department", "country": "FR", "in_alcotra": "true"}).json()
    assert {(t["code"], t["name_fr"], t["name_it"]) for t in data["results"]} == {
        ("06", "Alpes-Maritimes", "Alpi Marittime"),
        ("73", "Savoie", "Savoia"),
    }


def test_territory_list_has_constant_queries(api, gazetteer, django_assert_num_queries):
    with django_assert_num_queries(2):
        data = api.get("/api/v1/territories/").json()
    assert data["count"] == 53 and len(data["results"]) == 50


def test_schema_has_no_warnings_for_the_gazetteer():
    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)
    messages = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    assert not [m for m in messages if "geo" in m or "Commune" in m or "Territor" in m]
