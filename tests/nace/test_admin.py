import pytest

from circuito.nace.models import NaceActivity, NationalSubclass
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/fr/admin/nace/naceactivity/", {"q": "succhi"}),
        ("/fr/admin/nace/naceactivity/", {"level__exact": "class"}),
        ("/it/admin/nace/nationalsubclass/", {"q": "10.32"}),
        ("/it/admin/nace/nationalsubclass/", {"scheme__exact": "ateco"}),
    ],
)
def test_admin_lists_search_and_filter(admin_client, nace, url, params):
    response = admin_client.get(url, params)
    assert response.status_code == 200


def test_admin_change_pages(admin_client, nace):
    activity = NaceActivity.objects.get(code="10.32")
    subclass = NationalSubclass.objects.get(code="10.32Z")
    assert admin_client.get(f"/fr/admin/nace/naceactivity/{activity.pk}/change/").status_code == 200
    assert admin_client.get(f"/fr/admin/nace/nationalsubclass/{subclass.pk}/change/").status_code == 200
