import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory
from tests.tierslieux.factories import PlaceFactory
from tierslieux import admin_places  # noqa: F401  (registered by tierslieux/admin.py)
from tierslieux.models import Place

pytestmark = pytest.mark.django_db


def test_place_admin_pages(client):
    if Place not in admin.site._registry:
        admin.site.register(Place, admin_places.PlaceAdmin)
    place = PlaceFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:tierslieux_place_changelist")).status_code == 200
    assert client.get(reverse("admin:tierslieux_place_change", args=[place.pk])).status_code == 200
