"""Flux exchange matching: top 20 candidates of one flow at 10k, 50k and 100k published flows.

Volume: the ALCOTRA communes of both countries, 20,000 companies, flows seeded incrementally;
the reference data and the materials thesaurus loaded. For each volume, `candidates()` is timed
over 50 random flows (one call each, in turn), then the candidates fragment
(`bourseflux:flow_candidates`, with the estimates) through the test Client. At the largest
volume, `candidates()` again with every title made unique and the thesaurus's memory of titles
emptied before each call: the cost of reading titles no call has read before.
"""

import itertools
import random
import time

from django.core.signals import request_started
from django.db import reset_queries
from django.test import Client

STEPS = (10_000, 50_000, 100_000)
COMPANIES = 20_000
SAMPLE = 50


def _fragment_queries(client: Client, pk: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # a full log (9,000 entries) would hide new queries
    with CaptureQueriesContext(connection) as ctx:
        client.get(f"/fr/flux/flows/{pk}/candidates/")
    return len(ctx.captured_queries)


def run() -> None:
    from django.core.management import call_command
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Cast, Concat

    from bench.flux_data import Generator, analyze, load_reference
    from bench.harness import get_ok, timed
    from bourseflux.matching import candidates
    from bourseflux.models import Flow
    from circuito.search import concepts, thesaurus

    # Count the fragment's queries too: Django clears the query log when a request starts.
    request_started.disconnect(reset_queries)
    start = time.perf_counter()
    load_reference()
    call_command("load_thesaurus", verbosity=0)
    thesaurus.reset()
    generator = Generator()
    generator.organisations(COMPANIES)
    print(f"  seeded reference data and {COMPANIES} companies in {time.perf_counter() - start:.1f} s")
    seeded, rng = 0, random.Random(7)
    client = Client()
    for target in STEPS:
        start = time.perf_counter()
        generator.flows(target - seeded)
        seeded = target
        analyze()
        print(f"  {seeded} published flows (seeded in {time.perf_counter() - start:.1f} s)")
        ids = list(Flow.objects.values_list("pk", flat=True))
        sample = list(Flow.objects.filter(pk__in=rng.sample(ids, SAMPLE)))
        flows = itertools.cycle(sample)
        sizes = [len(candidates(f)) for f in sample]
        timed(f"candidates() top 20, {seeded} flows", lambda flows=flows: candidates(next(flows)), repeat=SAMPLE)
        print(f"    (candidates found per flow: min {min(sizes)}, median {sorted(sizes)[len(sizes) // 2]})")
        urls = itertools.cycle([f"/fr/flux/flows/{f.pk}/candidates/" for f in sample])

        def fragment(urls=urls):
            return get_ok(client, next(urls))()

        timed(f"candidates fragment (HTML, anonymous), {seeded} flows", fragment, repeat=SAMPLE)
        print(f"    (fragment queries: {_fragment_queries(client, sample[0].pk)})")
    # Titles never read before: each flow's title made unique (its number appended, a word no
    # term holds), the memory of titles emptied before each call.
    number = Cast("id", CharField())
    Flow.objects.update(
        title_fr=Concat(F("title_fr"), Value(" "), number), title_it=Concat(F("title_it"), Value(" "), number)
    )

    def cold(flows=flows):
        concepts.index().forget_names()
        return candidates(next(flows))

    timed(f"candidates() top 20, {seeded} flows, titles never read", cold, repeat=SAMPLE)
