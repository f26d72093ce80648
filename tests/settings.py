"""Test settings: the real settings, with fast hashing, in-memory e-mail and plain static files
(the manifest storage 404s under live_server)."""

import os
import tempfile

from circuito.settings import *  # noqa: F403
from circuito.settings import STORAGES

# Private files written by tests go to a temporary folder, shared with the Celery worker that
# the worker tests start (it inherits this environment variable).
PRIVATE_ROOT = os.environ.get("PRIVATE_ROOT") or os.environ.setdefault(
    "CIRCUITO_TEST_PRIVATE_ROOT", tempfile.mkdtemp(prefix="circuito-test-")
)
MEDIA_ROOT = os.path.join(PRIVATE_ROOT, "public")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "private": {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
SECURE_SSL_REDIRECT = False
# The real throttle classes stay on; the suite's many API calls from one address stay under them.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"}}  # noqa: F405

# Each pytest-xdist worker keeps its own cache keys in a shared Redis: one worker's reset of the
# search engine's version must not make another worker's pinned query counts read it again.
from circuito.settings import CACHES  # noqa: E402

_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def _worker_database(location: str) -> str:
    """A Redis database of the worker's own (gw0 → base + 1, gw1 → base + 2…): tests call
    cache.clear(), which empties the whole database, and must not wipe another worker's keys
    (rate-limit counters, cached vocabularies) in the middle of its test."""
    if not _WORKER.startswith("gw") or not location.startswith("redis"):
        return location
    base, _, number = location.rpartition("/")
    own = (int(number) if number.isdigit() else 0) + 1 + int(_WORKER[2:])
    return f"{base}/{own % 16}" if number.isdigit() else f"{location.rstrip('/')}/{own % 16}"


CACHES = {
    name: {**config, "KEY_PREFIX": f"test-{_WORKER}", "LOCATION": _worker_database(config.get("LOCATION", ""))}
    for name, config in CACHES.items()
}

# Pages are rendered afresh (the suite's tests read the views' context and repeat requests);
# the tests of the page cache turn it on.
PAGE_CACHE = os.environ.get("PAGE_CACHE") == "1"
