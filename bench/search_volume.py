"""Search at production volume, through HTTP: 100,000 flows, 50,000 places, the whole gazetteer.

PostgreSQL only (gunicorn's workers must reach the seeded database). The volume (BENCH_FLOWS,
BENCH_PLACES) is seeded, then gunicorn (3 sync workers, as on a 2-core server) serves the project
plus a hello-world view; each endpoint is asked the evaluation set's queries in turn, by one client
(200 requests) then by 10 concurrent clients (400 requests), and p50/p95 and requests per second
are printed beside the hello-world view's, measured in the same run.
"""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.search_metrics import load_eval

ROOT = Path(__file__).resolve().parent.parent
ONE_CLIENT = 200
CONCURRENT = 10
PER_CLIENT = 40


def seed() -> None:
    from django.core.management import call_command

    from bench.flux_data import Generator, analyze
    from bench.tierslieux_directory import seed as seed_places
    from tierslieux.search_index import refresh_all

    flows = int(os.environ.get("BENCH_FLOWS", "100000"))
    places = int(os.environ.get("BENCH_PLACES", "50000"))
    start = time.perf_counter()
    for command in ("load_territories", "load_nace", "load_thesaurus", "load_bourseflux_reference"):
        call_command(command, verbosity=0)
    seed_places(places)
    refresh_all()  # bulk_create skipped the signals that write the places' documents
    generator = Generator()
    generator.organisations(max(1, flows // 5))
    generator.flows(flows)
    analyze()
    print(f"  seeded {flows} flows, {places} places and the gazetteer in {time.perf_counter() - start:.0f} s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - start) * 1000


def _measure(urls: list[str]) -> dict:
    """One client, then CONCURRENT clients, cycling through `urls`."""
    one = [_get(urls[i % len(urls)]) for i in range(ONE_CLIENT)]
    samples: list[float] = []
    lock = threading.Lock()

    def client(offset: int) -> None:
        mine = [_get(urls[(offset + i) % len(urls)]) for i in range(PER_CLIENT)]
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(CONCURRENT)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {"one": one, "many": samples, "rps": len(samples) / elapsed}


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * q) - 1)]


def run() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        print("  skipped: set DATABASE_URL to a PostgreSQL server (gunicorn's workers share the database)")
        return
    seed()
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "bench.http_app", "--bind", f"127.0.0.1:{port}", "--workers", "3", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _get(f"{base}/bench/hello/")
                break
            except OSError:
                time.sleep(0.5)
        queries = load_eval()

        def urls(path: str, kind: str) -> list[str]:
            return [
                f"{base}/{q.lang}/{path}?{urllib.parse.urlencode({'q': q.query})}" for q in queries if q.kind == kind
            ]

        endpoints = [
            ("hello-world view", [f"{base}/bench/hello/"]),
            ("EWC autocomplete", urls("flux/codes/ewc/autocomplete/", "material")),
            ("NACE autocomplete", urls("nace/autocomplete/", "activity")),
            ("commune autocomplete", urls("communes/autocomplete/", "commune")),
            ("flow list ?q=", urls("flux/search/", "flow") + urls("flux/search/", "material")[:100]),
            ("Tiers-Lieux directory ?q=", urls("tiers-lieux/directory/", "place")),
            (
                "API flows ?q=",
                [
                    f"{base}/api/v1/flows/?{urllib.parse.urlencode({'q': q.query})}"
                    for q in queries
                    if q.kind in ("flow", "material")
                ][:200],
            ),
        ]
        for _label, targets in endpoints:
            _get(targets[0])  # each worker reads its search vocabularies once
            for target in targets[:6]:
                _get(target)
        print(f"  {'endpoint':<28} {'1 client p50':>12} {'p95':>8} {'10 clients p95':>15} {'req/s':>7}")
        hello_rps = None
        for label, targets in endpoints:
            result = _measure(targets)
            hello_rps = hello_rps or result["rps"]
            print(
                f"  {label:<28} {statistics.median(result['one']):9.1f} ms {_p(result['one'], 0.95):6.1f} ms"
                f" {_p(result['many'], 0.95):12.1f} ms {result['rps']:7.1f} ({result['rps'] / hello_rps:.0%} of hello)"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
