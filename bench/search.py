"""Search quality on the bilingual evaluation set, then the search endpoints' response times.

Data: the reference data as `load_reference` loads it (the whole gazetteer) and the demo data
(`load_demo`). Each query of bench/search_eval/ goes through the public search functions (EWC
codes, NACE classes, communes, the Tiers-Lieux directory, the flow list) in its own language;
printed per kind and language: recall@5, MRR, and for places and flows the FR/IT overlap of the
top 5 of paired needs (bench/search_metrics.py); then the same figures on the held-out set
(search_eval/heldout/: materials and activities kept out of tuning). `python -m bench search --failures` (or
BENCH_FAILURES=1) also lists the queries without an acceptable answer in the top 5, with what came
first. Then p95 over 200+ requests of the EWC, NACE and commune autocomplete endpoints and of the
directory and flow list with ?q= (the set's queries in turn), beside a hello-world view through
the same middleware, after seeding BENCH_SEARCH_PLACES places and BENCH_SEARCH_FLOWS flows
(defaults 5,000 and 20,000; 0 and 0 time the demo data alone).
"""

import contextlib
import importlib.util
import io
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse
from django.urls import path

from bench.search_metrics import (
    KINDS,
    LANGUAGES,
    EvalQuery,
    Outcome,
    load_eval,
    load_heldout,
    pair_overlaps,
    scores_by,
)

TOP = 10  # results kept per query (scores look at the top 5; MRR at the top 10)
REPEAT = 200  # requests per timed endpoint (at least)


# --- the searches under test: (key, label) pairs, best first ------------------------------------


def search_places(query: str, language: str):
    """The Tiers-Lieux directory search: `tierslieux.search.search_places` once it exists, else
    the directory form's `q` filter as the directory view applies it (tierslieux.views.places)."""
    if importlib.util.find_spec("tierslieux.search") is not None:
        from tierslieux import search

        if hasattr(search, "search_places"):
            return search.search_places(query, language)
    from tierslieux.forms_places import DirectoryForm, directory_queryset
    from tierslieux.models import Place

    form = DirectoryForm({"q": query})
    return directory_queryset(form.filter(Place.objects.filter(status=Place.Status.PUBLISHED)))


def search_flows(query: str, language: str):
    """The flow list's free-text search: `bourseflux.search.search_flows` once it exists, else the
    flow filter's `search` method as the list view applies it (anonymous visitor, newest first)."""
    if importlib.util.find_spec("bourseflux.search") is not None:
        from bourseflux import search

        if hasattr(search, "search_flows"):
            return search.search_flows(query, language)
    from django.contrib.auth.models import AnonymousUser

    from bourseflux.filters import filtered_flows

    _filter, flows = filtered_flows({"q": query}, AnonymousUser())
    return flows.order_by("-pk")


def flow_key(flow) -> str:
    """A demo flow's stable name: its title in its original language (as the demo loader names it)."""
    return flow.title_fr or flow.title_it


def _materials(query: str, language: str) -> list[tuple[str, str]]:
    from bourseflux.models import EwcCode
    from bourseflux.reference_lookup import search_ewc

    # What the autocomplete offers: waste codes (level 3), not chapters.
    codes = search_ewc(query, EwcCode.objects.filter(level=EwcCode.Level.ENTRY))[:TOP]
    return [(c.code, c.label) for c in codes]


def _activities(query: str, language: str) -> list[tuple[str, str]]:
    from circuito.nace.lookup import search_activities
    from circuito.nace.models import NaceActivity

    # What the autocomplete offers: classes.
    activities = search_activities(query, NaceActivity.objects.filter(level=NaceActivity.Level.CLASS))[:TOP]
    return [(a.code, a.label) for a in activities]


def _communes(query: str, language: str) -> list[tuple[str, str]]:
    from circuito.geo.models import Commune
    from circuito.geo.search import search_communes

    communes = search_communes(query, Commune.objects.select_related("department"))[:TOP]
    return [(c.code, f"{c.name} ({c.department.code})") for c in communes]


def _places(query: str, language: str) -> list[tuple[str, str]]:
    return [(p.slug, p.name) for p in search_places(query, language)[:TOP]]


def _flows(query: str, language: str) -> list[tuple[str, str]]:
    return [(flow_key(f), flow_key(f)) for f in search_flows(query, language)[:TOP]]


SEARCHES: dict[str, Callable[[str, str], list[tuple[str, str]]]] = {
    "material": _materials,
    "activity": _activities,
    "commune": _communes,
    "place": _places,
    "flow": _flows,
}


# --- data, queries, report --------------------------------------------------------------------


def load_data() -> None:
    """Reference data (the whole gazetteer) and demo data, as `make run` loads them."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_reference", stdout=out, verbosity=0)
    call_command("load_demo", "--force", stdout=out, verbosity=0)


def run_queries(queries: Iterable[EvalQuery]) -> list[Outcome]:
    """Each query through its search, in its language; an error is recorded, not raised (inside a
    transaction, each query runs in a savepoint so that one failed SQL statement spoils nothing)."""
    from contextlib import nullcontext

    from django.db import connection, transaction
    from django.utils import translation

    outcomes = []
    for query in queries:
        guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
        start = time.perf_counter()
        try:
            with translation.override(query.lang), guard:
                found = SEARCHES[query.kind](query.query, query.lang)
        except Exception as exc:  # a broken search must show in the report, not stop it
            outcomes.append(Outcome(query, error=f"{type(exc).__name__}: {exc}"))
            continue
        seconds = time.perf_counter() - start
        outcomes.append(Outcome(query, [key for key, _label in found], dict(found), seconds=seconds))
    return outcomes


def report(outcomes: list[Outcome], failures: bool = False) -> None:
    scores = scores_by(outcomes)
    overlaps = pair_overlaps(outcomes)
    print("  recall@5: an acceptable answer in the top 5; MRR: 1/rank of the first one (top 10)")
    print(
        f"  {'kind':<9} {'lang':<4} {'queries':>7} {'recall@5':>9} {'MRR':>6} {'ms/query':>9}"
        "   FR/IT overlap@5 of paired needs"
    )
    for kind in KINDS:
        for lang in LANGUAGES:
            s = scores.get((kind, lang))
            if s is None:
                continue
            extra = ""
            if kind in ("place", "flow") and kind in overlaps and lang == "it":
                pairs, value = overlaps[kind]
                extra = f"   {value:.2f} ({pairs} pairs)"
            print(f"  {kind:<9} {lang:<4} {s.n:>7} {s.recall_at_5:>9.1%} {s.mrr:>6.3f} {s.ms_per_query:>9.1f}{extra}")
    errors = [o for o in outcomes if o.error]
    if errors:
        print(f"  {len(errors)} queries raised an error, e.g. {errors[0].query.id}: {errors[0].error[:200]}")
    if failures:
        print_failures(outcomes)


def print_failures(outcomes: list[Outcome]) -> None:
    for kind in KINDS:
        for lang in LANGUAGES:
            group = [o for o in outcomes if o.query.kind == kind and o.query.lang == lang]
            missed = [o for o in group if not o.hit]
            if not group:
                continue
            print(f"  -- failures {kind} {lang}: {len(missed)} of {len(group)}")
            for o in missed:
                q = o.query
                if o.error:
                    first = f"error {o.error[:120]}"
                elif o.results:
                    key = o.results[0]
                    label = o.labels.get(key, "")
                    first = f"{key} {label}"[:90] if label != key else key[:90]
                else:
                    first = "nothing"
                rank = f", expected at rank {o.rank}" if o.rank else ""
                wanted = "|".join(q.expected)
                print(f"    {q.id:<9} {q.query!r} → {first}  (expected {wanted[:70]}{rank})")


# --- timings ------------------------------------------------------------------------------------


def hello_world(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain")


def __getattr__(name: str):
    """This module is the URLconf of the timings: the project's URLs plus a hello-world view."""
    if name == "urlpatterns":
        from circuito.urls import urlpatterns

        return [path("bench/hello/", hello_world), *urlpatterns]
    raise AttributeError(name)


def seed_volume() -> None:
    from bench.flux_data import Generator, analyze
    from bench.tierslieux_directory import seed

    places = int(os.environ.get("BENCH_SEARCH_PLACES", "5000"))
    flows = int(os.environ.get("BENCH_SEARCH_FLOWS", "20000"))
    start = time.perf_counter()
    if places:
        with contextlib.redirect_stdout(io.StringIO()):  # the loaders' own messages
            seed(places)
        print(f"  seeded {places} published Tiers-Lieux")
    if flows:
        generator = Generator()
        generator.organisations(max(1, flows // 4))
        generator.flows(flows)
        print(f"  seeded {flows // 4} companies and {flows} published flows")
    analyze()
    print(f"  volume for the timings seeded in {time.perf_counter() - start:.1f} s")


def time_endpoints(queries: list[EvalQuery]) -> None:
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import translation

    from bench.harness import get_ok, timed

    endpoints = [
        ("EWC autocomplete", "bourseflux:ewc_autocomplete", "material"),
        ("NACE autocomplete", "nace:autocomplete", "activity"),
        ("commune autocomplete", "geo:commune_autocomplete", "commune"),
        ("Tiers-Lieux directory ?q=", "tierslieux:directory", "place"),
        ("flow list ?q=", "bourseflux:flow_list", "flow"),
    ]
    with override_settings(ROOT_URLCONF="bench.search"):
        client = Client()
        timed("hello-world view (same middleware)", get_ok(client, "/bench/hello/"), repeat=REPEAT)
        for label, name, kind in endpoints:
            urls = {}
            for lang in LANGUAGES:
                with translation.override(lang):
                    urls[lang] = reverse(name)
            requests = [(urls[q.lang], {"q": q.query}) for q in queries if q.kind == kind]
            cycle = itertools.cycle(requests)

            def call(cycle=cycle):
                url, data = next(cycle)
                return get_ok(client, url, data=data)()

            timed(f"{label} (the {len(requests)} queries in turn)", call, repeat=max(REPEAT, len(requests)))


def run() -> None:
    failures = "--failures" in sys.argv or bool(os.environ.get("BENCH_FAILURES"))
    start = time.perf_counter()
    load_data()
    print(f"  reference and demo data loaded in {time.perf_counter() - start:.1f} s")
    queries = load_eval()
    start = time.perf_counter()
    outcomes = run_queries(queries)
    elapsed = time.perf_counter() - start
    print(f"  {len(queries)} queries in {elapsed:.1f} s ({elapsed / len(queries) * 1000:.1f} ms each)")
    report(outcomes, failures=failures)
    # Figures only: the held-out queries' failures are not listed, so that nobody tunes on them.
    heldout = load_heldout()
    print(f"  held-out set (search_eval/heldout/, {len(heldout)} queries, never used for tuning):")
    report(run_queries(heldout))
    seed_volume()
    time_endpoints(queries)
