"""DRF's anonymous and per-user throttles, with the client address from `circuito.client_ip`
(behind the proxy every client would otherwise share one bucket) and rates read per request
(DRF binds them at import, so a deployment's or a test's settings would not apply)."""

from django.http import HttpRequest
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from circuito.client_ip import client_ip


class _PortalRates:
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request: HttpRequest) -> str:
        return client_ip(request)


class AnonThrottle(_PortalRates, AnonRateThrottle):
    pass


class UserThrottle(_PortalRates, UserRateThrottle):
    pass
