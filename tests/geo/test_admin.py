import pytest

from circuito.geo.models import Commune, Territory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/fr/admin/geo/commune/", {"q": "nizza"}),
        ("/fr/admin/geo/commune/", {"country__exact": "IT"}),
        ("/fr/admin/geo/territory/", {"q": "savoia"}),
        ("/it/admin/geo/territory/", {"level__exact": "region", "in_alcotra__exact": "1"}),
    ],
)
def test_admin_lists_search_and_filter(admin_client, gazetteer, url, params):
    assert admin_client.get(url, params).status_code == 200


def test_admin_change_pages(admin_client, gazetteer):
    commune = Commune.objects.get(name="Nice")
    territory = Territory.objects.get(level="department", code="06")
    assert admin_client.get(f"/fr/admin/geo/commune/{commune.pk}/change/").status_code == 200
    assert admin_client.get(f"/fr/admin/geo/territory/{territory.pk}/change/").status_code == 200


def test_autocomplete_view_has_constant_queries(client, gazetteer, django_assert_num_queries):
    client.get("/fr/communes/autocomplete/", {"q": "nice"})  # the search vocabularies are read once
    with django_assert_num_queries(1):  # the communes with their department
        client.get("/fr/communes/autocomplete/", {"q": "sain"})
    with django_assert_num_queries(0):
        client.get("/fr/communes/autocomplete/", {"q": "s"})
