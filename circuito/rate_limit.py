"""A counter per client address in Django's cache, for anonymous forms (reports, contact).

Fails open: with the cache down the form still works (a lost report costs more than a few
unthrottled posts), the outage is logged by the cache backend."""

import logging

from django.core.cache import cache
from django.http import HttpRequest

from circuito.client_ip import client_ip

logger = logging.getLogger(__name__)


def over_limit(request: HttpRequest, bucket: str, *, limit: int, period: int) -> bool:
    """Count this request; True once the client went past `limit` requests in `period` seconds."""
    key = f"rate:{bucket}:{client_ip(request)}"
    try:
        cache.add(key, 0, period)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, period)
            count = 1
    except Exception:  # noqa: BLE001  (any cache outage)
        logger.warning("rate limit %s: cache unavailable, request allowed", bucket)
        return False
    return count > limit
