"""What keeps the flux exchange's lists and maps fast at volume: bounded and cached counts, a map
that never counts every match, unchanged maps answered 304, anonymous pages kept until a write."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bourseflux import geojson
from bourseflux.views import explore
from tests.bourseflux.factories import FlowFactory
from tests.bourseflux.factories_explore import french_flow, italian_flow

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    """Pages and counts kept in the cache, as in production (off in the rest of the suite)."""
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def _count_queries(sql: list[dict]) -> int:
    return sum("COUNT(" in q["sql"].upper() for q in sql)


def test_a_broad_search_says_more_than_the_limit_and_pages_stop_there(client, monkeypatch):
    monkeypatch.setattr(explore, "SEARCH_COUNT_LIMIT", 3)
    for i in range(5):
        italian_flow(title_it=f"Vinacce {i}")
    response = client.get(reverse("bourseflux:flow_list"), {"q": "vinacce"})
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.count == 3
    assert "Plus de 3 flux" in response.content.decode()  # the list is under /fr/
    # Without a search every flow is counted.
    plain = client.get(reverse("bourseflux:flow_list")).context["page"]
    assert not plain.paginator.capped and plain.paginator.count == 5


def test_a_narrow_search_is_counted_exactly(client, monkeypatch):
    monkeypatch.setattr(explore, "SEARCH_COUNT_LIMIT", 3)
    italian_flow()
    french_flow()
    page = client.get(reverse("bourseflux:flow_list"), {"q": "vinacce"}).context["page"]
    assert not page.paginator.capped and page.paginator.count == 1


def test_a_count_is_kept_until_a_flow_is_written(client, org_people, page_cache):
    client.force_login(org_people.outsider)  # logged in: the page itself is not cached
    italian_flow()
    url = reverse("bourseflux:flow_list")
    assert client.get(url).context["page"].paginator.count == 1
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).context["page"].paginator.count == 1
    assert _count_queries(ctx.captured_queries) == 0
    french_flow()  # a new published flow: the next page counts it
    assert client.get(url).context["page"].paginator.count == 2


def test_the_api_count_is_kept_until_a_flow_is_written(client, page_cache):
    italian_flow()
    url = "/api/v1/flows/"
    assert client.get(url).json()["count"] == 1
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).json()["count"] == 1
    assert _count_queries(ctx.captured_queries) == 0
    french_flow()
    assert client.get(url).json()["count"] == 2


def test_the_map_never_counts_every_match(client, monkeypatch):
    monkeypatch.setattr(geojson, "MAX_FEATURES", 3)
    for _ in range(4):
        italian_flow()
    url = reverse("bourseflux:flows_geojson")
    with CaptureQueriesContext(connection) as ctx:
        data = client.get(url).json()
    assert data["clustered"] and data["total"] == 4
    assert _count_queries(ctx.captured_queries) == 1  # the clusters' own counts, nothing more
    few = len(ctx.captured_queries)
    for _ in range(10):
        FlowFactory()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).json()["total"] == 14
    assert len(ctx.captured_queries) == few


def test_an_unchanged_map_is_not_sent_again(client, page_cache):
    italian_flow()
    url = reverse("bourseflux:flows_geojson")
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    french_flow()  # a write: the map changed
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json()["total"] == 2
    assert changed["ETag"] != first["ETag"]


def test_the_map_etag_differs_between_readers(client, org_people, page_cache):
    italian_flow()
    url = reverse("bourseflux:flows_geojson")
    anonymous = client.get(url)["ETag"]
    client.force_login(org_people.outsider)  # members may see quantities visitors do not
    member = client.get(url, HTTP_IF_NONE_MATCH=anonymous)
    assert member.status_code == 200 and member["ETag"] != anonymous


def test_an_anonymous_list_is_kept_until_a_flow_is_written(client, page_cache):
    italian_flow(title_it="Vinacce di pere")
    url = reverse("bourseflux:flow_list")
    assert "Vinacce di pere" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as ctx:
        assert "Vinacce di pere" in client.get(url).content.decode()
    assert len(ctx.captured_queries) <= 2  # the session and the cache version at most: no flow read
    italian_flow(title_it="Vinacce di mele cotogne")
    assert "Vinacce di mele cotogne" in client.get(url).content.decode()
