"""The client's address, the one function allauth, axes and every rate limit use.

Behind N trusted reverse proxies (`TRUSTED_PROXY_COUNT`), REMOTE_ADDR is the last proxy and the
client is the N-th address from the right of X-Forwarded-For: the addresses left of it were
written by the client and prove nothing. With 0 (no proxy), X-Forwarded-For is ignored."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[v6]:port"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "v4:port"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = forwarded.split(",")
        # Fewer hops than proxies: the request skipped one, so nothing in the header is trusted.
        if len(hops) >= count and (address := _address(hops[-count])):
            return address
    return _address(remote) or remote or "0.0.0.0"
