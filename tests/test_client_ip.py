"""One client address for allauth, axes, the API throttles and the questionnaire limiter: behind
the proxy, clients are told apart by X-Forwarded-For, so one client's failures do not lock out
another."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from rest_framework.test import APIClient

from circuito.client_ip import client_ip
from focusgroups.views.questionnaires_respond import rate_limited
from tests.factories import UserFactory

PROXY = "10.0.0.2"
PASSWORD = "correct-horse-battery"


def request(remote="192.0.2.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "203.0.113.9", "192.0.2.1"),  # no proxy: the header is the client's own claim
        (1, PROXY, "203.0.113.9", "203.0.113.9"),
        (1, PROXY, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the forged left part is ignored
        (2, PROXY, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, PROXY, "203.0.113.9", PROXY),  # fewer hops than proxies: trust nothing in it
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, "203.0.113.9:51234", "203.0.113.9"),
        (1, PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        (1, PROXY, None, PROXY),
    ],
)
def test_client_ip(count, remote, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(request(remote, forwarded)) == expected


def test_every_limiter_uses_it():
    from allauth.account.adapter import get_adapter

    from circuito import settings as portal_settings

    assert int(os.environ.get("TRUSTED_PROXY_COUNT", 0)) == portal_settings.TRUSTED_PROXY_COUNT
    assert portal_settings.AXES_CLIENT_IP_CALLABLE == "circuito.client_ip.client_ip"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert get_adapter().get_client_ip(request(PROXY, "203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1, FOCUSGROUPS_QUESTIONNAIRE_RATE=(2, 60))
def test_questionnaire_limiter_counts_per_client_behind_the_proxy():
    cache.clear()
    first, second = request(PROXY, "203.0.113.9"), request(PROXY, "198.51.100.7")
    assert [rate_limited(first, "test") for _ in range(3)] == [False, False, True]
    assert rate_limited(second, "test") is False


def behind_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def login(client: Client, email: str, password: str):
    return client.post("/fr/accounts/login/", {"login": email, "password": password})


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # allauth's rate limits and the throttles count in the cache
    yield
    cache.clear()


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=3)
def test_failed_logins_of_one_client_do_not_lock_out_another_on_the_same_account():
    user = UserFactory(email="shared@example.org")
    attacker, colleague = behind_proxy("203.0.113.9"), behind_proxy("198.51.100.7")
    # The third failure reaches axes' limit: this account is locked from this client.
    assert [login(attacker, user.email, "wrong").status_code for _ in range(3)] == [200, 200, 429]
    assert login(attacker, user.email, PASSWORD).status_code == 429
    response = login(colleague, user.email, PASSWORD)
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_allauth_rate_limit_counts_per_client_behind_the_proxy():
    """allauth allows 10 failed logins a minute per address: one client using them up (on
    accounts that do not exist) leaves the others able to log in."""
    user = UserFactory()
    attacker, other = behind_proxy("203.0.113.9"), behind_proxy("198.51.100.7")
    for n in range(10):
        login(attacker, f"nobody{n % 3}-{n}@example.org", "wrong")
    refused = login(attacker, user.email, PASSWORD)
    assert refused.status_code == 200 and "form" in refused.context  # too many attempts from there
    assert not refused.wsgi_request.user.is_authenticated
    assert login(other, user.email, PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_api_throttle_counts_per_client_behind_the_proxy():
    rates = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "100/min"}}
    first = APIClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    second = APIClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    with override_settings(REST_FRAMEWORK=rates):
        assert [first.get("/api/v1/territories/").status_code for _ in range(3)] == [200, 200, 429]
        assert second.get("/api/v1/territories/").status_code == 200
