"""Load bench: every public page at production volume, through gunicorn, beside a hello-world view.

    python -m bench load [--places 50000] [--flows 100000] [--companies 20000] [--samples 200]
                         [--clients 1,10,50] [--pages directory,api-places] [--reseed]

PostgreSQL only: DATABASE_URL names a database of its own (created when missing, migrated, seeded
once and reused while it holds the asked volume; --reseed starts it again). Gunicorn serves the
project (bench.http_app: the project's URLs plus /bench/hello/) as deployed: DEBUG off, sync
workers (3, as on a 2-core server), REDIS_URL passed on when set. Each page is asked by 1, 10 and
50 concurrent clients in turn; each figure holds at least --samples requests. Printed per figure:
requests/s, its share of the hello-world view's (same run, same client count), p50/p95/p99,
errors (non-200 answers and failed requests), the body size and the workers' largest RSS.
"""

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The flux map's first view and a zoom on Turin (bench.bourseflux_map), the whole Alpine area.
FIRST_VIEW = "3.5,42.6,10.5,46.6"
REGION_VIEW = "6.6,44.0,8.3,45.2"
CITY_VIEW = "7.55,44.98,7.80,45.15"
FLOW_WORDS = ["legno", "bois", "plastica", "métal", "carton", "scarti alimentari"]


@dataclass
class Figure:
    samples: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0
    size: int = 0

    @property
    def rps(self) -> float:
        return len(self.samples) / self.elapsed if self.elapsed else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.samples)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def _options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=50_000)
    parser.add_argument("--flows", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--samples", type=int, default=200, help="requests per figure (at least)")
    parser.add_argument("--clients", default="1,10,50", help="concurrent clients, comma-separated")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--pages", default="", help="only these pages (comma-separated labels)")
    parser.add_argument("--reseed", action="store_true", help="drop the database and seed it again")
    return parser.parse_args(argv)


# Database --------------------------------------------------------------------------------------


def _ensure_database(reseed: bool) -> None:
    """Create (or, with --reseed, recreate) the database DATABASE_URL names."""
    import environ
    import psycopg

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    admin = {"host": config["HOST"] or "127.0.0.1", "port": config["PORT"] or 5432, "user": config["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, password=config["PASSWORD"] or None, **admin) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if exists and reseed:
            conn.execute(f'DROP DATABASE "{config["NAME"]}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def _seeded(options: argparse.Namespace) -> bool:
    from bourseflux.models import Flow
    from tierslieux.models import Place

    places = Place.objects.filter(slug__startswith="place-").count()
    flows = Flow.objects.count()
    if (places, flows) == (0, 0):
        return False
    if places != options.places or flows != options.flows:
        raise SystemExit(
            f"The database holds {places} places and {flows} flows, not {options.places} and {options.flows}: "
            "run with --reseed, or name another database in DATABASE_URL."
        )
    return True


def seed(options: argparse.Namespace) -> None:
    from django.core.management import call_command

    from bench.flux_data import Generator, analyze
    from bench.tierslieux_directory import seed as seed_places
    from tierslieux.search_index import refresh_all

    start = time.perf_counter()
    for command in ("load_territories", "load_nace", "load_thesaurus", "load_bourseflux_reference"):
        call_command(command, verbosity=0)
    seed_places(options.places)
    refresh_all()  # bulk_create skipped the signals that write the places' search documents
    generator = Generator()
    generator.organisations(options.companies)
    generator.flows(options.flows)
    analyze()
    print(
        f"seeded {options.places} places, {options.companies} companies, {options.flows} flows "
        f"in {time.perf_counter() - start:.0f} s"
    )


# Pages -----------------------------------------------------------------------------------------


def pages() -> list[tuple[str, list[str]]]:
    """(label, paths asked in turn): details and searches cycle over several objects and words."""
    from bourseflux.models import Flow
    from tierslieux.models import Place, ServiceKind

    slugs = list(Place.objects.filter(status="published").order_by("pk").values_list("slug", flat=True)[::997][:50])
    flows = list(Flow.objects.filter(status="published").order_by("pk").values_list("pk", flat=True)[::1999][:50])
    service = ServiceKind.objects.order_by("pk").values_list("code", flat=True).first()
    geojson = "/fr/tiers-lieux/places.geojson"
    return [
        ("hello-world", ["/bench/hello/"]),
        ("home", ["/fr/", "/it/"]),
        ("tierslieux-home", ["/fr/tiers-lieux/", "/it/tiers-lieux/"]),
        ("directory", ["/fr/tiers-lieux/directory/", "/it/tiers-lieux/directory/"]),
        ("directory-filtered", [f"/fr/tiers-lieux/directory/?country=IT&service={service}&page=3"]),
        ("place-detail", [f"/fr/tiers-lieux/p/{slug}/" for slug in slugs]),
        ("tierslieux-map", ["/fr/tiers-lieux/map/"]),
        ("tl-geojson-all", [geojson]),
        ("tl-geojson-view", [f"{geojson}?bbox={FIRST_VIEW}"]),
        ("tl-geojson-region", [f"{geojson}?bbox={REGION_VIEW}"]),
        ("tl-geojson-city", [f"{geojson}?bbox={CITY_VIEW}"]),
        ("api-places", ["/api/v1/places/", "/api/v1/places/?country=FR&page=2"]),
        ("flux-list", ["/fr/flux/search/", "/it/flux/search/"]),
        ("flux-list-q", [f"/fr/flux/search/?{urllib.parse.urlencode({'q': w})}" for w in FLOW_WORDS]),
        ("flux-map", ["/fr/flux/map/"]),
        (
            "flux-geojson",
            [f"/fr/flux/map/flows.geojson?bbox={FIRST_VIEW}", f"/fr/flux/map/flows.geojson?bbox={CITY_VIEW}"],
        ),
        ("api-flows", ["/api/v1/flows/"]),
        ("flow-detail", [f"/fr/flux/flows/{pk}/" for pk in flows]),
        ("candidates", [f"/fr/flux/flows/{pk}/candidates/" for pk in flows]),
    ]


# HTTP ------------------------------------------------------------------------------------------


def _get(url: str) -> tuple[float, bool, int]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            size = len(response.read())
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        ok, size = False, 0
    return (time.perf_counter() - start) * 1000, ok, size


def measure(urls: list[str], clients: int, samples: int) -> Figure:
    """`clients` threads, each asking its share of `samples` requests in a row, cycling `urls`."""
    per_client = max(1, -(-samples // clients))
    figure, lock = Figure(), threading.Lock()

    def client(k: int) -> None:
        mine, errors, size = [], 0, 0
        for i in range(per_client):
            ms, ok, size = _get(urls[(k * 7 + i) % len(urls)])
            mine.append(ms)
            errors += not ok
        with lock:
            figure.samples.extend(mine)
            figure.errors += errors
            figure.size = max(figure.size, size)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figure.elapsed = time.perf_counter() - start
    return figure


def worker_rss_mb(master: int) -> list[float]:
    """Resident memory of gunicorn's workers (the master's children), from /proc."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sizes


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DEBUG": "0",
        "PAGE_CACHE": os.environ.get("PAGE_CACHE", "1"),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "bench.http_app",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        if _get(f"{base}/bench/hello/")[1]:
            return server, base
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within a minute")


def main(argv: list[str]) -> None:
    options = _options(argv)
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database of the bench's own (see bench/README.md).")
    _ensure_database(options.reseed)
    from bench.harness import setup

    setup()
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not _seeded(options):
        seed(options)
    cache.clear()  # pages cached by an earlier run over other data
    selected = [p for p in pages() if not options.pages or p[0] in {"hello-world", *options.pages.split(",")}]
    levels = [int(c) for c in options.clients.split(",")]
    server, base = start_gunicorn(options.workers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop gunicorn too (the finally below)
    try:
        for _label, paths in selected:  # every worker imports, connects and fills its caches once
            for path in paths[:3] * options.workers:
                _get(base + path)
        print(
            f"{options.places} places, {options.flows} flows, {options.companies} companies; "
            f"gunicorn {options.workers} sync workers; {options.samples}+ samples per figure"
        )
        print(
            f"{'page':<20}{'clients':>8}{'req/s':>9}{'÷hello':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
            f"{'errors':>8}{'KB':>8}{'RSS MB':>8}"
        )
        hello: dict[int, float] = {}
        peak = 0.0
        for label, paths in selected:
            for clients in levels:
                figure = measure([base + p for p in paths], clients, options.samples)
                rss = max(worker_rss_mb(server.pid), default=0.0)
                peak = max(peak, rss)
                if label == "hello-world":
                    hello[clients] = figure.rps
                share = figure.rps / hello[clients] if hello.get(clients) else float("nan")
                print(
                    f"{label:<20}{clients:>8}{figure.rps:>9.1f}{share:>8.1%}{figure.percentile(0.5):>9.1f}"
                    f"{figure.percentile(0.95):>9.1f}{figure.percentile(0.99):>9.1f}{figure.errors:>8}"
                    f"{figure.size / 1024:>8.1f}{rss:>8.0f}",
                    flush=True,
                )
        print(f"largest worker RSS: {peak:.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)
