"""API hardening: throttles answer 429 with Retry-After, page sizes are bounded, and Django's
ValidationError / PermissionDenied raised by a service become API errors with their message."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from rest_framework.test import APIClient

from circuito.accounts import services
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def rates(anon: str, user: str):
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}
    )


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # throttles count in the cache
    yield
    cache.clear()


def test_anonymous_client_is_throttled_with_retry_after():
    api = APIClient()
    with rates("2/min", "100/min"):
        assert [api.get("/api/v1/territories/").status_code for _ in range(2)] == [200, 200]
        response = api.get("/api/v1/territories/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "detail" in response.json()


def test_logged_in_user_has_own_rate(user):
    api = APIClient()
    api.force_authenticate(user)
    with rates("1/min", "3/min"):
        codes = [api.get("/api/v1/territories/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_page_size_is_chosen_by_the_client_within_a_bound():
    for _ in range(7):
        CommuneFactory()
    api = APIClient()
    assert len(api.get("/api/v1/communes/", {"page_size": 2}).json()["results"]) == 2
    with override_settings(API_MAX_PAGE_SIZE=5):
        data = api.get("/api/v1/communes/", {"page_size": 100000}).json()
    assert data["count"] == 7 and len(data["results"]) == 5
    assert settings.API_MAX_PAGE_SIZE <= 500  # the deployed bound


def _create(api):
    commune = CommuneFactory()
    payload = {"kind": "company", "legal_name": "Savoie Bois", "country": "FR", "commune": commune.pk}
    return api.post("/api/v1/organisations/", payload, format="json")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            ValidationError("This name is reserved: choose another."),
            {"non_field_errors": ["This name is reserved: choose another."]},
        ),
        (ValidationError({"legal_name": "Already registered."}), {"legal_name": ["Already registered."]}),
        (ValidationError({"__all__": ["Two fields disagree."]}), {"non_field_errors": ["Two fields disagree."]}),
    ],
    ids=["message", "field", "non-field"],
)
def test_validation_error_of_a_service_is_a_400_with_its_message(user, monkeypatch, error, expected):
    def refuse(**kwargs):
        raise error

    monkeypatch.setattr(services, "create_organisation", refuse)
    api = APIClient()
    api.force_authenticate(user)
    response = _create(api)
    assert response.status_code == 400
    assert response.json() == expected


def test_permission_denied_of_a_service_is_a_403_with_its_message(user, monkeypatch):
    def refuse(**kwargs):
        raise PermissionDenied("Only partner staff may register a partner.")

    monkeypatch.setattr(services, "create_organisation", refuse)
    api = APIClient()
    api.force_authenticate(user)
    response = _create(api)
    assert response.status_code == 403
    assert response.json() == {"detail": "Only partner staff may register a partner."}
