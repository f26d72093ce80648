"""A small harness: a throw-away test database, a seeded volume, real requests, printed figures."""

import os
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager

import django


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    django.setup()


@contextmanager
def bench_database():
    """Create the test database (test_<name>), yield, drop it."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment(debug=False)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def timed(label: str, fn: Callable[[], object], repeat: int = 20, warmup: int = 2) -> dict:
    """Run `fn` `repeat` times; print median, p95 and the number of SQL queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        fn()
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx)  # now: the next request clears the connection's query log
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    result = {
        "label": label,
        "median_ms": statistics.median(samples),
        "p95_ms": samples[max(0, int(len(samples) * 0.95) - 1)],
        "queries": queries,
    }
    print(
        f"  {label:<58} median {result['median_ms']:8.1f} ms   p95 {result['p95_ms']:8.1f} ms   "
        f"{result['queries']:3d} queries"
    )
    return result


def get_ok(client, url: str, **kwargs) -> Callable[[], object]:
    def call():
        response = client.get(url, **kwargs)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call
